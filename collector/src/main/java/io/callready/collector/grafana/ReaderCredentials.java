package io.callready.collector.grafana;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** A customer's database reader for its Grafana organisation's data source; the password is shown only in this answer. */
@Schema(description = "Database login for one customer's Grafana data source; the password is returned once")
public record ReaderCredentials(UUID customerId, String role, String password, String searchPath, Instant rotatedAt) {
}
