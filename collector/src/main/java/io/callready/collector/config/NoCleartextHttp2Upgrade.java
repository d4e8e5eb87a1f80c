package io.callready.collector.config;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns off the HTTP/1.1 → h2c upgrade on the plain-HTTP listener. Clients such as the JDK's HttpClient try that
 * upgrade on their first request, and the server then hands the upgrade request's body to the application without
 * decoding its Content-Encoding, so a gzip batch was refused as malformed JSON. HTTP/2 over TLS is unaffected.
 */
@ApplicationScoped
public class NoCleartextHttp2Upgrade implements HttpServerOptionsCustomizer {
    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
    }
}
