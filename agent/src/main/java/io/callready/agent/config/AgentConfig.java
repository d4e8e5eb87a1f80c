package io.callready.agent.config;

import io.callready.wire.plan.ProbePlan;

/**
 * The agent's configuration file: {@code agent:}, {@code collector:} and {@code plan:}.
 * Loaded strictly by {@link ConfigLoader}; every default lives in the section records.
 */
public record AgentConfig(AgentSection agent, CollectorSection collector, ProbePlan plan) {

    public AgentConfig {
        if (agent == null) {
            throw new IllegalArgumentException("agent section is missing (id, state_dir)");
        }
        if (collector == null) {
            throw new IllegalArgumentException("collector section is missing (url, token_file, batch_size, ship_interval)");
        }
        if (plan == null || plan.probes().isEmpty()) {
            throw new IllegalArgumentException("plan must list at least one probe under probes");
        }
    }
}
