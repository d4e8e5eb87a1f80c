package io.callready.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.callready.wire.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Every SQL query in the Grafana dashboards, with Grafana's macros and variables filled in for a plain SQL run. */
final class DashboardQueries {
    record Query(String where, String sql, boolean panel) {
    }

    private static final Pattern TIME_FILTER = Pattern.compile("\\$__timeFilter\\(([a-z_]+)\\)");

    static List<Query> load(Path dashboardDir, String customerId, String siteId) throws IOException {
        List<Query> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dashboardDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode d = Json.newMapper().readTree(f.toFile());
                for (JsonNode v : d.path("templating").path("list")) {
                    out.add(new Query(f.getFileName() + " variable " + v.path("name").asText(),
                            fill(v.path("query").asText(), customerId, siteId), false));
                }
                for (JsonNode p : d.path("panels")) {
                    for (JsonNode t : p.path("targets")) {
                        out.add(new Query(f.getFileName() + " panel '" + p.path("title").asText() + "'",
                                fill(t.path("rawSql").asText(), customerId, siteId), true));
                    }
                }
            }
        }
        return out;
    }

    private static String fill(String sql, String customerId, String siteId) {
        Matcher m = TIME_FILTER.matcher(sql);
        String withTime = m.replaceAll("$1 BETWEEN now() - interval '1 day' AND now() + interval '1 minute'");
        return withTime.replace("$customer", customerId).replace("$site", siteId);
    }

    private DashboardQueries() {
    }
}
