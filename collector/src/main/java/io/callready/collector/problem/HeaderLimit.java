package io.callready.collector.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * Request headers over {@link #MAX_HEADER_BYTES} get 431 problem+json. The HTTP server's own check answers with an
 * empty 431 and cannot be given a body, so it is moved up to {@code quarkus.http.limits.max-header-size} (256K in
 * application.properties) where it only backs this one up: headers between the two limits get this problem
 * document, headers beyond the server's limit still the bare 431.
 */
@ApplicationScoped
public class HeaderLimit {
    /** What Quarkus allows by default; no agent or browser sends a fraction of it. */
    static final int MAX_HEADER_BYTES = 20 * 1024;
    /** ": " and CRLF around each header line. */
    private static final int LINE_OVERHEAD = 4;

    @Inject
    ObjectMapper mapper;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        long bytes = 0;
        for (Map.Entry<String, String> header : ctx.request().headers()) {
            bytes += header.getKey().length() + header.getValue().length() + LINE_OVERHEAD;
        }
        if (bytes <= MAX_HEADER_BYTES) {
            ctx.next();
            return;
        }
        Problem problem = Problem.of(431, "The request headers are " + bytes + " bytes; the collector accepts at most "
                + MAX_HEADER_BYTES + " bytes of headers");
        // The body is never read, so the connection cannot carry another request.
        ctx.response().setStatusCode(431).putHeader(HttpHeaders.CONNECTION, "close").putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        try {
            ctx.response().end(mapper.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            ctx.response().end();
        }
    }
}
