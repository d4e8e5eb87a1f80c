package io.callready.collector.enroll;

import io.callready.collector.config.CollectorConfig;
import io.callready.collector.enroll.EnrollmentViews.EnrollRequest;
import io.callready.collector.enroll.EnrollmentViews.IssuedCode;
import io.callready.collector.problem.DurationField;
import io.callready.collector.problem.ProblemException;
import io.callready.collector.tenant.Names;
import io.callready.collector.tenant.Site;
import io.callready.collector.tenant.TenantService;
import io.callready.collector.tenant.TenantViews.EnrolledAgent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Issues one-time enrollment codes for a site and exchanges a code for a new agent and its token. */
@ApplicationScoped
public class EnrollmentService {
    static final Duration MAX_TTL = Duration.ofDays(7);
    private static final String REFUSED = "is unknown, expired or already used; ask for a new enrollment code";

    @Inject
    TenantService tenants;
    @Inject
    EntityManager em;
    @Inject
    CollectorConfig config;
    @Inject
    Clock clock;

    @Transactional
    public IssuedCode issue(UUID siteId, String ttlText) {
        Site site = tenants.writableSite(siteId);
        Duration ttl = ttl(ttlText);
        String code = EnrollmentCodes.newCode();
        Instant now = now();
        UUID id = UUID.randomUUID();
        em.createNativeQuery("INSERT INTO enrollment_codes (id, site_id, code_hash, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, id).setParameter(2, site.id).setParameter(3, EnrollmentCodes.hash(code))
                .setParameter(4, utc(now)).setParameter(5, utc(now.plus(ttl)))
                .executeUpdate();
        return new IssuedCode(id, site.id, code, now.plus(ttl));
    }

    /**
     * Marks the code used and creates the agent in one transaction: two agents racing with one code get one
     * agent between them, and a failed agent creation leaves the code usable.
     */
    @Transactional
    public EnrolledAgent enroll(EnrollRequest request) {
        if (request == null || request.code() == null || request.code().isBlank()) {
            throw ProblemException.badRequest("code", "is required");
        }
        String name = Names.require(request.name());
        Instant now = now();
        @SuppressWarnings("unchecked")
        List<Object[]> claimed = em.createNativeQuery("""
                        UPDATE enrollment_codes SET used_at = ?1
                        WHERE code_hash = ?2 AND used_at IS NULL AND expires_at > ?1
                        RETURNING id, site_id""")
                .setParameter(1, utc(now)).setParameter(2, EnrollmentCodes.hash(request.code()))
                .getResultList();
        if (claimed.isEmpty()) {
            throw ProblemException.forbidden("code", REFUSED);
        }
        UUID codeId = (UUID) claimed.getFirst()[0];
        Site site = Site.findById(claimed.getFirst()[1]);
        EnrolledAgent agent = tenants.createAgent(site, name);
        em.createNativeQuery("UPDATE enrollment_codes SET agent_id = ?1 WHERE id = ?2")
                .setParameter(1, agent.id()).setParameter(2, codeId).executeUpdate();
        return agent;
    }

    private Duration ttl(String text) {
        if (text == null) {
            return config.enrollment().codeTtl();
        }
        Duration ttl = DurationField.parse("ttl", text);
        if (ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw ProblemException.badRequest("ttl", "must be longer than 0s and at most 7 days (168h)");
        }
        return ttl;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
