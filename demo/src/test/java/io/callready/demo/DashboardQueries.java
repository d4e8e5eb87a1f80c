package io.callready.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.callready.wire.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every SQL query in the Grafana dashboards with the last hour's macros and the demo's customer and site filled in,
 * for a plain SQL run (the collector's DashboardSqlIT checks the full macro set against exact rows).
 */
final class DashboardQueries {
    /** {@code key} is "dashboard-uid/panel-id/refId" or "dashboard-uid/var/name". */
    record Query(String key, String where, String sql, boolean panel) {
    }

    private static final Pattern TIME_FILTER = Pattern.compile("\\$__timeFilter\\(([a-z_.]+)\\)");
    private static final Pattern TIME_GROUP_ALIAS = Pattern.compile("\\$__timeGroupAlias\\(([a-z_.]+), \\$__interval\\)");
    private static final Pattern UNFILLED = Pattern.compile("\\$\\{?_*[A-Za-z]\\w*");
    /** The step Grafana gives an hour's panel: one minute. */
    private static final long INTERVAL_MS = 60_000;

    static List<Query> load(Path dashboardDir, String customerId, String siteId) throws IOException {
        List<Query> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dashboardDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode d = Json.newMapper().readTree(f.toFile());
                String uid = d.path("uid").asText();
                for (JsonNode v : d.path("templating").path("list")) {
                    out.add(new Query(uid + "/var/" + v.path("name").asText(), f.getFileName() + " variable " + v.path("name").asText(),
                            fill(v.path("query").asText(), customerId, siteId), false));
                }
                for (JsonNode p : d.path("panels")) {
                    for (JsonNode t : p.path("targets")) {
                        out.add(new Query(uid + "/" + p.path("id").asInt() + "/" + t.path("refId").asText(),
                                f.getFileName() + " panel '" + p.path("title").asText() + "'", fill(t.path("rawSql").asText(), customerId, siteId), true));
                    }
                }
            }
        }
        return out;
    }

    private static String fill(String sql, String customerId, String siteId) {
        Instant to = Instant.now().plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        Instant from = to.minus(1, ChronoUnit.HOURS);
        String filled = TIME_GROUP_ALIAS.matcher(sql).replaceAll("floor(extract(epoch from $1)/60)*60 AS \"time\"");
        filled = TIME_FILTER.matcher(filled).replaceAll("$1 BETWEEN '" + from + "' AND '" + to + "'");
        filled = filled.replace("$__timeFrom()", "'" + from + "'").replace("$__timeTo()", "'" + to + "'")
                .replace("$__interval_ms", Long.toString(INTERVAL_MS))
                .replace("IN ($customer)", "IN ('" + customerId + "')")
                .replace("$customer", customerId).replace("$site", siteId);
        var left = UNFILLED.matcher(filled);
        if (left.find()) {
            // a macro a panel started using: name it here rather than let PostgreSQL report a syntax error at "$"
            throw new IllegalStateException("DashboardQueries does not fill " + left.group() + " in:\n" + sql);
        }
        return filled;
    }

    private DashboardQueries() {
    }
}
