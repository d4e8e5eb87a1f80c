package io.callready.agent.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.nio.file.Path;
import java.util.UUID;

/**
 * {@code agent:} — who this agent is and where it keeps its state.
 *
 * @param id       the agent id the collector assigned (a UUID); stamped on every result
 * @param stateDir directory for the result outbox; default {@value #DEFAULT_STATE_DIR}
 */
public record AgentSection(String id, @JsonProperty("state_dir") String stateDir) {
    public static final String DEFAULT_STATE_DIR = "/var/lib/callready";

    public AgentSection {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id is required: the agent UUID the collector assigned");
        }
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("id must be the agent UUID the collector assigned, got '" + id + "'");
        }
        if (stateDir == null) {
            stateDir = DEFAULT_STATE_DIR;
        } else if (stateDir.isBlank()) {
            throw new IllegalArgumentException("state_dir must not be empty");
        }
    }

    public Path stateDirPath() {
        return Path.of(stateDir);
    }
}
