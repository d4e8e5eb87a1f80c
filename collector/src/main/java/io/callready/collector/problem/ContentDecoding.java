package io.callready.collector.problem;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Decodes a gzip or deflate request body as JAX-RS reads it. Done here rather than by the HTTP server's
 * decompression, which closes the connection without an answer when a body is not what its Content-Encoding says;
 * here such a body is a 400 naming {@code body}, and {@link BodyLimit} (which runs after this) counts the decoded
 * bytes, so an inflating body over the limit is a 413.
 */
@Provider
@Priority(Priorities.ENTITY_CODER)
public class ContentDecoding implements ReaderInterceptor {
    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        String declared = context.getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING);
        String encoding = declared == null ? "identity" : declared.strip().toLowerCase(Locale.ROOT);
        switch (encoding) {
            case "", "identity" -> {
                return context.proceed();
            }
            case "gzip", "x-gzip", "deflate" -> {
                context.setInputStream(new Decoded(context.getInputStream(), encoding.endsWith("gzip") ? "gzip" : "deflate"));
                context.getHeaders().remove(HttpHeaders.CONTENT_ENCODING);
                return context.proceed();
            }
            default -> throw ProblemException.unsupportedMediaType("Content-Encoding '" + FieldError.clip(declared)
                    + "' is not supported; send gzip, deflate or no Content-Encoding");
        }
    }

    /** Opens the decoder on first read (gzip reads its header at once) and reports any decoding failure as undecodable. */
    private static final class Decoded extends FilterInputStream {
        private final String encoding;
        private boolean opened;

        Decoded(InputStream raw, String encoding) {
            super(raw);
            this.encoding = encoding;
        }

        @Override
        public int read() throws IOException {
            open();
            try {
                return in.read();
            } catch (IOException e) {
                throw undecodable(e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            open();
            try {
                return in.read(buffer, offset, length);
            } catch (IOException e) {
                throw undecodable(e);
            }
        }

        private void open() throws IOException {
            if (opened) {
                return;
            }
            opened = true;
            try {
                in = "gzip".equals(encoding) ? new GZIPInputStream(in) : new InflaterInputStream(in);
            } catch (IOException e) {
                throw undecodable(e);
            }
        }

        private IOException undecodable(IOException e) {
            return e instanceof BodyUndecodableException ? e : new BodyUndecodableException(encoding, e);
        }
    }
}
