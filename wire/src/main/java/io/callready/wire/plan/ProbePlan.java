package io.callready.wire.plan;

import java.util.HashSet;
import java.util.List;

/** What an agent probes. Local today (agent config); pulled from the collector once central plans exist. */
public record ProbePlan(List<ProbeSpec> probes) {

    public ProbePlan {
        probes = probes == null ? List.of() : List.copyOf(probes);
        var names = new HashSet<String>();
        for (ProbeSpec p : probes) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("probe name '" + p.name() + "' is used twice");
            }
        }
    }
}
