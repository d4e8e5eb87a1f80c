package io.callready.collector.enroll;

import java.time.Instant;
import java.util.UUID;

/** JSON shapes of the enrollment API. */
public final class EnrollmentViews {
    private EnrollmentViews() {
    }

    /** @param ttl how long the code stays usable, e.g. "30m" or "24h"; default callready.enrollment.code-ttl */
    public record CodeRequest(String ttl) {
    }

    /** The code is shown only in this answer. */
    public record IssuedCode(UUID id, UUID siteId, String code, Instant expiresAt) {
    }

    /** @param name the agent's name at the site (usually its host name) */
    public record EnrollRequest(String code, String name) {
    }
}
