package io.callready.collector.tenant;

import io.callready.collector.auth.Caller;
import io.callready.collector.auth.Tokens;
import io.callready.collector.problem.ProblemException;
import io.callready.collector.tenant.TenantViews.AgentView;
import io.callready.collector.tenant.TenantViews.CustomerView;
import io.callready.collector.tenant.TenantViews.EnrolledAgent;
import io.callready.collector.tenant.TenantViews.SiteView;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
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

/**
 * Customers, their sites, and the agents enrolled at each site, as the calling staff token may see and change
 * them: what lies outside its customer scope reads and writes as missing (404, or absent from lists), like an unknown id.
 */
@ApplicationScoped
public class TenantService {
    private static final String UNIQUE_VIOLATION = "23505";

    @Inject
    Clock clock;
    @Inject
    Caller caller;

    @Transactional
    public CustomerView createCustomer(String name) {
        caller.requireUnscopedAdmin();
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
        return caller.customerScope()
                .map(scope -> Customer.<Customer>list("id", Sort.by("name"), scope))
                .orElseGet(() -> Customer.listAll(Sort.by("name")))
                .stream().map(CustomerView::of).toList();
    }

    public CustomerView customer(UUID customerId) {
        return CustomerView.of(visibleCustomer(customerId));
    }

    @Transactional
    public CustomerView renameCustomer(UUID customerId, String name) {
        Customer customer = writableCustomer(customerId);
        if (!customer.name.equals(name) && Customer.count("name", name) > 0) {
            throw ProblemException.conflict("name", "a customer named '" + name + "' already exists");
        }
        customer.name = name;
        flush(customer, "a customer named '" + name + "' already exists");
        return CustomerView.of(customer);
    }

    /** Only an empty customer can go, so results and agents are never orphaned by one call. */
    @Transactional
    public void deleteCustomer(UUID customerId) {
        Customer customer = visibleCustomer(customerId);
        caller.requireUnscopedAdmin();
        if (Site.count("customerId", customerId) > 0) {
            throw ProblemException.conflict("customerId", "the customer still has sites; delete them first");
        }
        customer.delete();
    }

    @Transactional
    public SiteView createSite(UUID customerId, String name) {
        writableCustomer(customerId);
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
        visibleCustomer(customerId);
        return Site.<Site>list("customerId", Sort.by("name"), customerId).stream().map(SiteView::of).toList();
    }

    public SiteView site(UUID siteId) {
        return SiteView.of(visibleSite(siteId));
    }

    @Transactional
    public SiteView renameSite(UUID siteId, String name) {
        Site site = writableSite(siteId);
        if (!site.name.equals(name) && Site.count("customerId = ?1 and name = ?2", site.customerId, name) > 0) {
            throw ProblemException.conflict("name", "this customer already has a site named '" + name + "'");
        }
        site.name = name;
        flush(site, "this customer already has a site named '" + name + "'");
        return SiteView.of(site);
    }

    /**
     * Deletes the site with its agents (whose tokens stop working at once), enrollment codes and plan override.
     * Stored results stay until retention removes them.
     */
    @Transactional
    public void deleteSite(UUID siteId) {
        Site site = writableSite(siteId);
        Agent.delete("siteId", siteId);
        site.delete();
    }

    /** Creates the agent with a fresh token; the token is returned here and nowhere else. */
    @Transactional
    public EnrolledAgent enrollAgent(UUID siteId, String name) {
        Site site = writableSite(siteId);
        return createAgent(site, name);
    }

    /** Creates an agent at a site the caller has already been authorised for (or an enrollment code vouches for). */
    @Transactional
    public EnrolledAgent createAgent(Site site, String name) {
        if (Agent.count("siteId = ?1 and name = ?2 and revokedAt is null", site.id, name) > 0) {
            throw ProblemException.conflict("name", "this site already has an active agent named '" + name + "'");
        }
        String token = Tokens.newAgentToken();
        Agent agent = new Agent();
        agent.id = UUID.randomUUID();
        agent.siteId = site.id;
        agent.name = name;
        agent.tokenHash = Tokens.sha256Hex(token);
        agent.createdAt = now();
        persist(agent, "this site already has an active agent named '" + name + "'");
        return new EnrolledAgent(agent.id, site.id, site.customerId, name, token, agent.createdAt);
    }

    public List<AgentView> agents(UUID siteId) {
        Site site = visibleSite(siteId);
        return Agent.<Agent>list("siteId", Sort.by("name").and("createdAt"), siteId).stream()
                .map(a -> AgentView.of(a, site.customerId)).toList();
    }

    public AgentView agent(UUID agentId) {
        Agent agent = visibleAgent(agentId);
        return AgentView.of(agent, Site.<Site>findById(agent.siteId).customerId);
    }

    @Transactional
    public AgentView renameAgent(UUID agentId, String name) {
        Agent agent = writableAgent(agentId);
        if (!agent.name.equals(name) && agent.revokedAt == null
                && Agent.count("siteId = ?1 and name = ?2 and revokedAt is null", agent.siteId, name) > 0) {
            throw ProblemException.conflict("name", "this site already has an active agent named '" + name + "'");
        }
        agent.name = name;
        flush(agent, "this site already has an active agent named '" + name + "'");
        return AgentView.of(agent, Site.<Site>findById(agent.siteId).customerId);
    }

    /** Revoking twice keeps the first revocation time. */
    @Transactional
    public AgentView revokeAgent(UUID agentId) {
        Agent agent = writableAgent(agentId);
        if (agent.revokedAt == null) {
            agent.revokedAt = now();
        }
        return AgentView.of(agent, Site.<Site>findById(agent.siteId).customerId);
    }

    /** The agent's token stops working at once; its stored results stay. */
    @Transactional
    public void deleteAgent(UUID agentId) {
        writableAgent(agentId).delete();
    }

    /** The customer, or 404 when it does not exist or lies outside the caller's scope. */
    public Customer visibleCustomer(UUID customerId) {
        String missing = "No customer " + customerId;
        Customer customer = found(Customer.findById(customerId), missing);
        caller.requireVisible(customer.id, missing);
        return customer;
    }

    public Customer writableCustomer(UUID customerId) {
        String missing = "No customer " + customerId;
        Customer customer = found(Customer.findById(customerId), missing);
        caller.requireWritable(customer.id, missing);
        return customer;
    }

    public Site visibleSite(UUID siteId) {
        String missing = "No site " + siteId;
        Site site = found(Site.findById(siteId), missing);
        caller.requireVisible(site.customerId, missing);
        return site;
    }

    public Site writableSite(UUID siteId) {
        String missing = "No site " + siteId;
        Site site = found(Site.findById(siteId), missing);
        caller.requireWritable(site.customerId, missing);
        return site;
    }

    public Agent visibleAgent(UUID agentId) {
        String missing = "No agent " + agentId;
        Agent agent = found(Agent.findById(agentId), missing);
        caller.requireVisible(Site.<Site>findById(agent.siteId).customerId, missing);
        return agent;
    }

    public Agent writableAgent(UUID agentId) {
        String missing = "No agent " + agentId;
        Agent agent = found(Agent.findById(agentId), missing);
        caller.requireWritable(Site.<Site>findById(agent.siteId).customerId, missing);
        return agent;
    }

    private static <T> T found(T entity, String missing) {
        if (entity == null) {
            throw ProblemException.notFound(missing);
        }
        return entity;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The count check above misses a concurrent insert of the same name; the unique index does not. */
    private static void persist(PanacheEntityBase entity, String conflictMessage) {
        try {
            entity.persistAndFlush();
        } catch (PersistenceException e) {
            throw conflictOr(e, conflictMessage);
        }
    }

    private static void flush(PanacheEntityBase entity, String conflictMessage) {
        try {
            entity.flush();
        } catch (PersistenceException e) {
            throw conflictOr(e, conflictMessage);
        }
    }

    private static RuntimeException conflictOr(PersistenceException e, String conflictMessage) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return ProblemException.conflict("name", conflictMessage);
            }
        }
        return e;
    }
}
