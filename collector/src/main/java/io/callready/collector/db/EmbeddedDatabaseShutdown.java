package io.callready.collector.db;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Stops the embedded database when Quarkus stops, after the other shutdown observers (highest priority value
 * runs last), so in-flight work finishes against a live server.
 */
@ApplicationScoped
public class EmbeddedDatabaseShutdown {
    void onStop(@Observes @Priority(Integer.MAX_VALUE - 1) ShutdownEvent event) {
        EmbeddedDatabaseHolder.stop();
    }
}
