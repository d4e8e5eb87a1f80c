package io.callready.collector.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Enforces {@code quarkus.http.limits.max-body-size} with a 413 problem+json answer. Quarkus's own enforcement
 * answers with an empty 413, so: a declared Content-Length over the limit is refused here before Quarkus sees
 * it; a streamed body (chunked, or gzip that inflates) is counted as JAX-RS reads it, and Quarkus's streaming
 * check is moved to twice the limit, where it only backs this one up.
 */
@Provider
@ApplicationScoped
public class BodyLimit implements ReaderInterceptor {
    /** Quarkus refuses an oversized Content-Length at route order -2. */
    private static final int BEFORE_QUARKUS_LIMIT = -3;
    private static final int AFTER_QUARKUS_LIMIT = -1;
    /** Routing-context key under which Quarkus passes the streaming limit to its request input stream. */
    private static final String QUARKUS_STREAM_LIMIT_KEY = "io.quarkus.max-request-size";

    @Inject
    ObjectMapper mapper;
    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    void install(@Observes Router router) {
        maxBodySize.ifPresent(size -> {
            long limit = size.asLongValue();
            router.route().order(BEFORE_QUARKUS_LIMIT).handler(ctx -> refuseDeclaredOversize(ctx, limit));
            router.route().order(AFTER_QUARKUS_LIMIT).handler(ctx -> {
                if (ctx.get(QUARKUS_STREAM_LIMIT_KEY) != null) {
                    ctx.put(QUARKUS_STREAM_LIMIT_KEY, 2 * limit);
                }
                ctx.next();
            });
        });
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (maxBodySize.isPresent()) {
            context.setInputStream(new Counted(context.getInputStream(), maxBodySize.get().asLongValue()));
        }
        return context.proceed();
    }

    static Problem tooLarge(long limitBytes) {
        return Problem.of(413, "The request body is larger than the " + limitBytes
                + " bytes the collector accepts (quarkus.http.limits.max-body-size); send smaller batches");
    }

    private void refuseDeclaredOversize(RoutingContext ctx, long limitBytes) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null || parse(length) <= limitBytes) {
            ctx.next();
            return;
        }
        Problem problem = tooLarge(limitBytes);
        // The body is never read, so the connection cannot carry another request.
        ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONNECTION, "close").putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        try {
            ctx.response().end(mapper.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            ctx.response().end();
        }
    }

    private static long parse(String contentLength) {
        try {
            return Long.parseLong(contentLength.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Counts what the reader consumes (after gzip decoding) and stops at the limit. */
    private static final class Counted extends FilterInputStream {
        private final long limit;
        private long count;

        Counted(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(int n) throws BodyTooLargeException {
            count += n;
            if (count > limit) {
                throw new BodyTooLargeException(limit);
            }
        }
    }
}
