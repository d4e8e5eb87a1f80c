package io.callready.collector.plan;

import io.callready.wire.plan.ProbePlan;
import io.callready.wire.plan.ProbeSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The effective plan of a site: the customer's probes in their order, each replaced by the site's probe of the same
 * name if there is one and dropped if the site removes it; then the site's probes with new names, in the site's order.
 */
public final class PlanMerge {
    private PlanMerge() {
    }

    public static ProbePlan effective(ProbePlan customer, SiteOverride site) {
        if (site == null) {
            return customer;
        }
        Map<String, ProbeSpec> siteProbes = new LinkedHashMap<>();
        site.probes().forEach(p -> siteProbes.put(p.name(), p));
        List<ProbeSpec> out = new ArrayList<>();
        for (ProbeSpec p : customer.probes()) {
            if (site.remove().contains(p.name())) {
                continue;
            }
            ProbeSpec replacement = siteProbes.remove(p.name());
            out.add(replacement != null ? replacement : p);
        }
        out.addAll(siteProbes.values());
        return new ProbePlan(out);
    }
}
