package io.callready.agent.enroll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.callready.agent.config.ConfigException;
import io.callready.agent.config.ConfigLoader;
import io.callready.agent.config.IoErrors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The agent config after an enrollment: {@code agent.id}, {@code agent.state_dir}, {@code collector.url} and
 * {@code collector.token_file} set, an inline {@code collector.token} removed, everything else (plan, batch size...)
 * kept. Comments in an existing file are not kept.
 */
public final class ConfigUpdate {
    private static final YAMLMapper YAML = new YAMLMapper();

    private final Path file;
    private final ObjectNode root;

    private ConfigUpdate(Path file, ObjectNode root) {
        this.file = file;
        this.root = root;
    }

    /** Reads the existing file (if any) up front, so a broken one is reported before the code is spent. */
    public static ConfigUpdate of(Path file) throws ConfigException {
        if (!Files.exists(file)) {
            return new ConfigUpdate(file, JsonNodeFactory.instance.objectNode());
        }
        JsonNode existing;
        try {
            existing = YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException("cannot read the existing config " + file + ": " + IoErrors.describe(e) + "; fix or move it first");
        }
        if (existing == null || existing.isMissingNode() || existing.isNull()) {
            return new ConfigUpdate(file, JsonNodeFactory.instance.objectNode());
        }
        if (!(existing instanceof ObjectNode object)) {
            throw new ConfigException(file + " is not a YAML mapping; fix or move it first");
        }
        return new ConfigUpdate(file, object.deepCopy());
    }

    /** Validates the result with the agent's own strict loader, then replaces the file, readable by the agent's group. */
    public void write(UUID agentId, Path stateDir, String collectorUrl, Path tokenFile, ServiceAccount account)
            throws ConfigException, IOException {
        ObjectNode agent = section("agent");
        agent.put("id", agentId.toString());
        agent.put("state_dir", stateDir.toString());
        ObjectNode collector = section("collector");
        collector.put("url", collectorUrl);
        collector.remove("token");
        collector.put("token_file", tokenFile.toString());
        String text = "# agent, collector: written by callready agent enroll\n" + YAML.writeValueAsString(root);
        new ConfigLoader().parse(text, file.toString());
        PrivateFiles.write(file, text, "rw-r-----", null, account.other() ? account.group() : null);
    }

    private ObjectNode section(String name) {
        return root.get(name) instanceof ObjectNode existing ? existing : root.putObject(name);
    }
}
