package io.callready.collector.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Every SQL query of the provisioned dashboards: panel targets and variable queries. */
public final class DashboardPanels {
    /**
     * One query; {@code key} is "dashboard-uid/panel-id/refId" or "dashboard-uid/var/name"; {@code maxDataPoints} (0
     * when the panel leaves it to Grafana) and {@code minInterval} (null when unset) decide its {@code $__interval}.
     */
    public record PanelQuery(String key, String title, String rawSql, String format, int maxDataPoints, String minInterval) {
        /** The panel's own $__interval over {@code range}, or {@code fallback} when it sets no maxDataPoints. */
        public java.time.Duration interval(java.time.Duration range, java.time.Duration fallback) {
            return maxDataPoints == 0 ? fallback
                    : GrafanaMacros.interval(range, maxDataPoints, minInterval == null ? null : GrafanaMacros.parseMinimum(minInterval));
        }
    }

    /** A test resource as text, such as a panel's SQL from before a change ({@code /dashboard/previous/...}). */
    static String resource(String name) throws IOException {
        try (var in = DashboardPanels.class.getResourceAsStream(name)) {
            return new String(java.util.Objects.requireNonNull(in, name).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    public static Path dashboardDir() {
        Path fromModule = Path.of("..", "dashboards", "json");
        return Files.isDirectory(fromModule) ? fromModule : Path.of("dashboards", "json");
    }

    public static List<PanelQuery> load(Path dir) throws IOException {
        List<PanelQuery> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode d = json.readTree(f.toFile());
                String uid = d.path("uid").asText();
                for (JsonNode v : d.path("templating").path("list")) {
                    out.add(new PanelQuery(uid + "/var/" + v.path("name").asText(), "variable " + v.path("name").asText(),
                            v.path("query").asText(), "table", 0, null));
                }
                for (JsonNode p : d.path("panels")) {
                    for (JsonNode t : p.path("targets")) {
                        out.add(new PanelQuery(uid + "/" + p.path("id").asInt() + "/" + t.path("refId").asText(),
                                p.path("title").asText(), t.path("rawSql").asText(), t.path("format").asText(),
                                p.path("maxDataPoints").asInt(0), p.hasNonNull("interval") ? p.path("interval").asText() : null));
                    }
                }
            }
        }
        return out;
    }

    private DashboardPanels() {
    }
}
