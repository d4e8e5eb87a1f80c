package io.callready.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.callready.agent.config.YamlTrees;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A config without {@code agent.id} belongs to an agent that was never enrolled (the package installs a commented
 * example): {@code run} says so and what to type, rather than list the keys enroll would have written.
 */
final class NotEnrolled {
    private NotEnrolled() {
    }

    /** The message for a readable YAML config without an agent id; empty for any other file (the loader explains it). */
    static Optional<String> message(Path configFile) {
        JsonNode root;
        try {
            String text = Files.readString(configFile, StandardCharsets.UTF_8);
            JsonNode quick = YamlTrees.quick(text);
            root = quick != null ? quick : new YAMLMapper().readTree(text);
        } catch (IOException e) {
            return Optional.empty();
        }
        boolean mapping = root != null && (root.isObject() || root.isMissingNode() || root.isNull());
        if (!mapping || !root.path("agent").path("id").asText("").isBlank()) {
            return Optional.empty();
        }
        return Optional.of("this agent is not enrolled: " + configFile + " has no agent.id. Enroll it with the site's"
                + " one-time code from the collector, then start it:\n"
                + "  callready-agent enroll --collector URL --code CODE --config " + configFile + "\n"
                + "  systemctl enable --now callready-agent");
    }
}
