package io.callready.collector.plan;

import io.callready.collector.auth.AuthenticatedAgent;
import io.callready.collector.problem.ProblemException;
import io.callready.collector.tenant.Customer;
import io.callready.collector.tenant.Site;
import io.callready.collector.tenant.TenantService;
import io.callready.wire.plan.ProbePlan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Customer plans, site overrides, and the effective plan of a site. Scope checks go through {@link TenantService}. */
@ApplicationScoped
public class PlanService {
    @Inject
    TenantService tenants;
    @Inject
    PlanDocuments documents;
    @Inject
    Clock clock;

    public ProbePlan customerPlan(UUID customerId) {
        tenants.visibleCustomer(customerId);
        StoredPlan stored = StoredPlan.find("customerId = ?1 and siteId is null", customerId).firstResult();
        if (stored == null) {
            throw ProblemException.notFound("No plan set for customer " + customerId);
        }
        return documents.read(stored.document, ProbePlan.class);
    }

    /** Validates, then stores the plan as the wire model writes it back (defaults filled in). */
    @Transactional
    public ProbePlan saveCustomerPlan(UUID customerId, String body) {
        Customer customer = tenants.writableCustomer(customerId);
        ProbePlan plan = documents.read(body, ProbePlan.class);
        save(customer.id, null, documents.write(plan));
        return plan;
    }

    @Transactional
    public void deleteCustomerPlan(UUID customerId) {
        tenants.writableCustomer(customerId);
        StoredPlan.delete("customerId = ?1 and siteId is null", customerId);
    }

    public SiteOverride siteOverride(UUID siteId) {
        tenants.visibleSite(siteId);
        SiteOverride override = storedOverride(siteId);
        if (override == null) {
            throw ProblemException.notFound("No plan override set for site " + siteId);
        }
        return override;
    }

    @Transactional
    public SiteOverride saveSiteOverride(UUID siteId, String body) {
        Site site = tenants.writableSite(siteId);
        SiteOverride override = documents.read(body, SiteOverride.class);
        save(site.customerId, site.id, documents.write(override));
        return override;
    }

    @Transactional
    public void deleteSiteOverride(UUID siteId) {
        tenants.writableSite(siteId);
        StoredPlan.delete("siteId", siteId);
    }

    /** For staff: the plan the site's agents get. */
    public ProbePlan effectiveForStaff(UUID siteId) {
        Site site = tenants.visibleSite(siteId);
        return effective(site.customerId, site.id);
    }

    /** For an agent: its own site's plan; the tenant comes from its token. */
    public ProbePlan effectiveFor(AuthenticatedAgent agent) {
        return effective(agent.customerId(), agent.siteId());
    }

    /** The plan a site's agents get, without a scope check: for agents (their own site) and background jobs. */
    public ProbePlan effective(UUID customerId, UUID siteId) {
        StoredPlan stored = StoredPlan.find("customerId = ?1 and siteId is null", customerId).firstResult();
        ProbePlan customer = stored == null ? new ProbePlan(List.of()) : documents.read(stored.document, ProbePlan.class);
        return PlanMerge.effective(customer, storedOverride(siteId));
    }

    private SiteOverride storedOverride(UUID siteId) {
        StoredPlan stored = StoredPlan.find("siteId", siteId).firstResult();
        return stored == null ? null : documents.read(stored.document, SiteOverride.class);
    }

    private void save(UUID customerId, UUID siteId, String document) {
        StoredPlan stored = siteId == null
                ? StoredPlan.find("customerId = ?1 and siteId is null", customerId).firstResult()
                : StoredPlan.find("siteId", siteId).firstResult();
        if (stored == null) {
            stored = new StoredPlan();
            stored.id = UUID.randomUUID();
            stored.customerId = customerId;
            stored.siteId = siteId;
        }
        stored.document = document;
        stored.updatedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        stored.persistAndFlush();
    }
}
