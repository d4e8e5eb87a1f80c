package io.callready.collector.plan;

import io.callready.wire.plan.ProbeSpec;

import java.util.HashSet;
import java.util.List;

/**
 * A site's changes to its customer's plan.
 *
 * @param probes probes that replace the customer's probe of the same name, or are added when no such probe exists
 * @param remove names of customer probes this site does not run
 */
public record SiteOverride(List<ProbeSpec> probes, List<String> remove) {
    public SiteOverride {
        probes = probes == null ? List.of() : List.copyOf(probes);
        remove = remove == null ? List.of() : List.copyOf(remove);
        var names = new HashSet<String>();
        for (ProbeSpec p : probes) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("probe name '" + p.name() + "' is used twice");
            }
        }
        for (String name : remove) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("remove must list probe names, not empty values");
            }
            if (names.contains(name)) {
                throw new IllegalArgumentException("remove names '" + name + "', which this override also defines; keep one");
            }
        }
    }
}
