package io.callready.agent.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.callready.wire.plan.ProbePlan;

import java.util.List;
import java.util.Map;

/**
 * The agent's configuration file: {@code agent:}, {@code collector:}, {@code plan:} and {@code snmp_credentials:} (the
 * secrets that {@code wan_traffic} probes name, kept on the agent only).
 * Loaded strictly by {@link ConfigLoader}; every default lives in the section records. The plan is the one the agent
 * starts with and falls back to; a plan set centrally on the collector replaces it once pulled. Without a local plan
 * the agent probes nothing until the collector's plan arrives.
 */
public record AgentConfig(AgentSection agent, CollectorSection collector, ProbePlan plan,
                          @JsonProperty("snmp_credentials") Map<String, SnmpCredentials> snmpCredentials) {

    public AgentConfig {
        if (agent == null) {
            throw new IllegalArgumentException("agent section is missing (id, state_dir)");
        }
        if (collector == null) {
            throw new IllegalArgumentException("collector section is missing (url, token_file, batch_size, ship_interval)");
        }
        if (plan == null) {
            plan = new ProbePlan(List.of());
        }
        snmpCredentials = snmpCredentials == null ? Map.of() : Map.copyOf(snmpCredentials);
    }

    public AgentConfig(AgentSection agent, CollectorSection collector, ProbePlan plan) {
        this(agent, collector, plan, null);
    }
}
