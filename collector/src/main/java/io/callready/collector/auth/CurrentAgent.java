package io.callready.collector.auth;

import jakarta.enterprise.context.RequestScoped;

/** The agent authenticated for the current request by {@link AgentAuthFilter}. */
@RequestScoped
public class CurrentAgent {
    private AuthenticatedAgent agent;

    void set(AuthenticatedAgent agent) {
        this.agent = agent;
    }

    public AuthenticatedAgent get() {
        if (agent == null) {
            throw new IllegalStateException("no agent authenticated for this request; is the endpoint @AgentOnly?");
        }
        return agent;
    }
}
