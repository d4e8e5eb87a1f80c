package io.callready.agent.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callready.agent.outbox.DurableFiles;
import io.callready.wire.json.JsonTrees;
import io.callready.wire.json.WireJson;
import io.callready.wire.plan.ProbePlan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The last plan the collector sent, kept in {@code <state_dir>/central-plan.json} as
 * {@code {agentId, etag, fetchedAt, plan}} with the plan exactly as the collector sent it, so an agent that starts
 * while the collector is unreachable still probes what it was told to. Written durably (temp file, fsync, rename,
 * directory fsync). A file that cannot be read, or that belongs to another agent id, is reported and ignored.
 */
public final class PlanStore {
    public static final String FILE = "central-plan.json";

    private static final Logger LOG = Logger.getLogger(PlanStore.class.getName());

    /** A plan read back from disk. */
    public record Saved(ProbePlan plan, String etag, Instant fetchedAt) {
    }

    private final Path file;
    private final String agentId;

    public PlanStore(Path stateDir, String agentId) {
        this.file = stateDir.resolve(FILE);
        this.agentId = agentId;
    }

    /** Keeps {@code planJson} (the collector's body) as the last central plan. */
    public void save(String planJson, String etag, Instant fetchedAt) throws IOException {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("agentId", agentId);
        doc.put("etag", etag);
        doc.put("fetchedAt", fetchedAt.toString());
        doc.set("plan", WireJson.tree(planJson));
        DurableFiles.write(file, JsonTrees.pretty(doc));
    }

    /** The saved plan; empty when there is none or it is unusable (which is logged, naming the file and why). */
    public Optional<Saved> load() {
        JsonNode doc;
        try {
            doc = WireJson.tree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return unusable("cannot be read: " + firstLine(e.getMessage()));
        }
        try {
            if (doc == null || !doc.isObject() || !doc.path("plan").isObject()) {
                return unusable("holds no plan object");
            }
            if (!agentId.equals(doc.path("agentId").asText(null))) {
                return unusable("belongs to agent " + doc.path("agentId").asText("(none)") + ", not " + agentId);
            }
            ProbePlan plan = WireJson.bind(doc.get("plan"), ProbePlan.class);
            Instant fetchedAt = Instant.parse(doc.path("fetchedAt").asText());
            String etag = doc.hasNonNull("etag") ? doc.get("etag").asText() : null;
            return Optional.of(new Saved(plan, etag, fetchedAt));
        } catch (IOException | RuntimeException e) {
            return unusable("is not a plan this agent can run: " + firstLine(e.getMessage()));
        }
    }

    private Optional<Saved> unusable(String why) {
        LOG.severe("the collector's plan kept on disk in " + file + " " + why + "; ignoring it (the local plan runs until the"
                + " collector sends one)");
        return Optional.empty();
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    public Path file() {
        return file;
    }
}
