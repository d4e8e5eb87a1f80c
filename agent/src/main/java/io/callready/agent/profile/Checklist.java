package io.callready.agent.profile;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callready.report.profile.ProviderProfile;

import java.time.Instant;
import java.util.List;

/** The result of running one profile's checks; {@link #toJson()} is the documented {@code --json} document. */
public record Checklist(ProviderProfile profile, String reflector, Instant startedAt, long durationMs, List<CheckItem> items) {

    public long count(CheckItem.Status status) {
        return items.stream().filter(i -> i.status() == status).count();
    }

    public ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("schema", "callready.checklist/1");
        root.put("profile", profile.name()).put("title", profile.title()).put("reflector", reflector)
                .put("started_at", startedAt.toString()).put("duration_ms", durationMs);
        ObjectNode summary = root.putObject("summary");
        for (CheckItem.Status s : CheckItem.Status.values()) {
            summary.put(s.wireName(), count(s));
        }
        ArrayNode list = root.putArray("items");
        for (CheckItem i : items) {
            list.addObject().put("id", i.id()).put("title", i.title()).put("status", i.status().wireName())
                    .put("evidence", i.evidence()).put("fix", i.fix());
        }
        ArrayNode caveats = root.putArray("caveats");
        profile.caveats().forEach(c -> caveats.addObject().put("id", c.id()).put("text", c.text()));
        return root;
    }

    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append("CallReady pre-flight checklist: ").append(profile.title()).append(" (profile ").append(profile.name()).append(")\n");
        int width = items.stream().mapToInt(i -> i.title().length()).max().orElse(10);
        for (CheckItem i : items) {
            out.append(String.format("%-7s %-" + width + "s  %s%n", i.status().name(), i.title(), i.evidence()));
            if (i.fix() != null) {
                out.append(" ".repeat(8 + width + 2)).append("fix: ").append(i.fix()).append('\n');
            }
        }
        if (!profile.caveats().isEmpty()) {
            out.append("Known caveats of ").append(profile.title()).append(":\n");
            profile.caveats().forEach(c -> out.append("  - ").append(c.text()).append('\n'));
        }
        out.append(String.format("%d pass, %d warn, %d fail, %d skipped in %.1f s%n", count(CheckItem.Status.PASS),
                count(CheckItem.Status.WARN), count(CheckItem.Status.FAIL), count(CheckItem.Status.SKIPPED), durationMs / 1000.0));
        return out.toString();
    }
}
