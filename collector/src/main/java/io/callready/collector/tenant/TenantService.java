package io.callready.collector.tenant;

import io.callready.collector.auth.Tokens;
import io.callready.collector.problem.ProblemException;
import io.callready.collector.tenant.TenantViews.AgentView;
import io.callready.collector.tenant.TenantViews.CustomerView;
import io.callready.collector.tenant.TenantViews.EnrolledAgent;
import io.callready.collector.tenant.TenantViews.SiteView;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Customers, their sites, and the agents enrolled at each site. */
@ApplicationScoped
public class TenantService {
    private static final String UNIQUE_VIOLATION = "23505";

    @Inject
    Clock clock;

    @Transactional
    public CustomerView createCustomer(String name) {
        if (Customer.count("name", name) > 0) {
            throw ProblemException.conflict("name", "a customer named '" + name + "' already exists");
        }
        Customer customer = new Customer();
        customer.id = UUID.randomUUID();
        customer.name = name;
        customer.createdAt = now();
        persist(customer, "a customer named '" + name + "' already exists");
        return CustomerView.of(customer);
    }

    public List<CustomerView> customers() {
        return Customer.<Customer>listAll(Sort.by("name")).stream().map(CustomerView::of).toList();
    }

    @Transactional
    public SiteView createSite(UUID customerId, String name) {
        requireCustomer(customerId);
        if (Site.count("customerId = ?1 and name = ?2", customerId, name) > 0) {
            throw ProblemException.conflict("name", "this customer already has a site named '" + name + "'");
        }
        Site site = new Site();
        site.id = UUID.randomUUID();
        site.customerId = customerId;
        site.name = name;
        site.createdAt = now();
        persist(site, "this customer already has a site named '" + name + "'");
        return SiteView.of(site);
    }

    public List<SiteView> sites(UUID customerId) {
        requireCustomer(customerId);
        return Site.<Site>list("customerId", Sort.by("name"), customerId).stream().map(SiteView::of).toList();
    }

    /** Creates the agent with a fresh token; the token is returned here and nowhere else. */
    @Transactional
    public EnrolledAgent enrollAgent(UUID siteId, String name) {
        Site site = requireSite(siteId);
        if (Agent.count("siteId = ?1 and name = ?2 and revokedAt is null", siteId, name) > 0) {
            throw ProblemException.conflict("name", "this site already has an active agent named '" + name + "'");
        }
        String token = Tokens.newAgentToken();
        Agent agent = new Agent();
        agent.id = UUID.randomUUID();
        agent.siteId = siteId;
        agent.name = name;
        agent.tokenHash = Tokens.sha256Hex(token);
        agent.createdAt = now();
        persist(agent, "this site already has an active agent named '" + name + "'");
        return new EnrolledAgent(agent.id, siteId, site.customerId, name, token, agent.createdAt);
    }

    public List<AgentView> agents(UUID siteId) {
        Site site = requireSite(siteId);
        return Agent.<Agent>list("siteId", Sort.by("name").and("createdAt"), siteId).stream()
                .map(a -> AgentView.of(a, site.customerId)).toList();
    }

    /** Revoking twice keeps the first revocation time. */
    @Transactional
    public AgentView revokeAgent(UUID agentId) {
        Agent agent = Agent.findById(agentId);
        if (agent == null) {
            throw ProblemException.notFound("No agent " + agentId);
        }
        if (agent.revokedAt == null) {
            agent.revokedAt = now();
        }
        Site site = Site.findById(agent.siteId);
        return AgentView.of(agent, site.customerId);
    }

    public Site requireSite(UUID siteId) {
        Site site = Site.findById(siteId);
        if (site == null) {
            throw ProblemException.notFound("No site " + siteId);
        }
        return site;
    }

    private void requireCustomer(UUID customerId) {
        if (Customer.findById(customerId) == null) {
            throw ProblemException.notFound("No customer " + customerId);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The count check above misses a concurrent insert of the same name; the unique index does not. */
    private static void persist(io.quarkus.hibernate.orm.panache.PanacheEntityBase entity, String conflictMessage) {
        try {
            entity.persistAndFlush();
        } catch (PersistenceException e) {
            if (isUniqueViolation(e)) {
                throw ProblemException.conflict("name", conflictMessage);
            }
            throw e;
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
