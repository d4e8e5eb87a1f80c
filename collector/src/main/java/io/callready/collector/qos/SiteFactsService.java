package io.callready.collector.qos;

import io.callready.collector.qos.FactsViews.CustomerFactsRequest;
import io.callready.collector.qos.FactsViews.CustomerFactsView;
import io.callready.collector.qos.FactsViews.SiteFactsRequest;
import io.callready.collector.qos.FactsViews.SiteFactsView;
import io.callready.collector.tenant.Customer;
import io.callready.collector.tenant.Site;
import io.callready.collector.tenant.TenantService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.UUID;

/**
 * Time zone and call counts of customers and sites, and a site's provider profile. Scope checks come first
 * (through {@link TenantService}), so a foreign id answers like an unknown one whatever the body says.
 */
@ApplicationScoped
public class SiteFactsService {
    @Inject
    TenantService tenants;
    @Inject
    FactsBodies bodies;

    public CustomerFactsView customerFacts(UUID customerId) {
        return view(tenants.visibleCustomer(customerId));
    }

    @Transactional
    public CustomerFactsView saveCustomerFacts(UUID customerId, String body) {
        Customer customer = tenants.writableCustomer(customerId);
        CustomerFactsRequest request = bodies.read(body, CustomerFactsRequest.class);
        String zone = FactsBodies.zone("timeZone", request.timeZone());
        customer.timeZone = zone == null ? "UTC" : zone;
        customer.maxSimultaneousCalls = FactsBodies.calls("maxSimultaneousCalls", request.maxSimultaneousCalls());
        return view(customer);
    }

    public SiteFactsView siteFacts(UUID siteId) {
        Site site = tenants.visibleSite(siteId);
        return view(site, Customer.findById(site.customerId));
    }

    @Transactional
    public SiteFactsView saveSiteFacts(UUID siteId, String body) {
        Site site = tenants.writableSite(siteId);
        SiteFactsRequest request = bodies.read(body, SiteFactsRequest.class);
        site.timeZone = FactsBodies.zone("timeZone", request.timeZone());
        site.peakCalls = FactsBodies.calls("peakCalls", request.peakCalls());
        site.profile = FactsBodies.profile(request.profile());
        return view(site, Customer.findById(site.customerId));
    }

    private static CustomerFactsView view(Customer c) {
        return new CustomerFactsView(c.timeZone, c.maxSimultaneousCalls);
    }

    static SiteFactsView view(Site site, Customer customer) {
        return new SiteFactsView(site.timeZone, site.peakCalls, site.profile,
                site.timeZone != null ? site.timeZone : customer.timeZone,
                site.peakCalls != null ? site.peakCalls : customer.maxSimultaneousCalls);
    }
}
