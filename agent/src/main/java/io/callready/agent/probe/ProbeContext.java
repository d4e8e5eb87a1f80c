package io.callready.agent.probe;

import io.callready.wire.plan.WanTrafficSpec;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a probe run gets from its caller.
 *
 * @param agentId  goes into every result
 * @param clock    wall clock for {@code startedAt}; intervals are measured with {@link System#nanoTime()}
 * @param progress human-readable progress lines (the one-shot CLI prints them on stderr; the service ignores them)
 * @param siteWan  the plan's SNMP {@code wan_traffic} spec (or the check's {@code --snmp} router), for probes that ask
 *                 the router about its WAN side; empty when there is none
 */
public record ProbeContext(String agentId, Clock clock, Consumer<String> progress, Optional<WanTrafficSpec> siteWan) {

    public ProbeContext(String agentId, Clock clock, Consumer<String> progress) {
        this(agentId, clock, progress, Optional.empty());
    }

    public static ProbeContext quiet(String agentId) {
        return new ProbeContext(agentId, Clock.systemUTC(), message -> {
        });
    }

    public ProbeContext withSiteWan(Optional<WanTrafficSpec> wan) {
        return new ProbeContext(agentId, clock, progress, wan);
    }
}
