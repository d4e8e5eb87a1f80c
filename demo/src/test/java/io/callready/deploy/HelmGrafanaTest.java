package io.callready.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.callready.deploy.RenderedChart.container;
import static io.callready.deploy.RenderedChart.env;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grafana in the chart: the chart's copy of dashboards/ (Helm reads no file outside the chart) is byte for byte
 * dashboards/json and dashboards/provisioning (refresh: scripts/sync-chart-dashboards.sh); the rendered ConfigMaps
 * carry every dashboard and both provisioning files unchanged, every panel on the provisioned data source's uid;
 * the pod mounts them where the provisioning files say and sets every variable the data source reads, pointing at
 * the database the collector uses, as the fleet reader.
 */
class HelmGrafanaTest {
    private static final Path DASHBOARDS = RenderedChart.CHART.resolve("../../dashboards").normalize();
    private static final Path COPY = RenderedChart.CHART.resolve("dashboards");

    @Test
    void chartCopyIsByteForByteDashboardsJsonAndProvisioning() throws IOException {
        Map<String, byte[]> source = files(DASHBOARDS, "json", "provisioning");
        Map<String, byte[]> copy = files(COPY, "json", "provisioning");
        assertThat(source).isNotEmpty().containsKey("json/fleet-overview.json");
        assertThat(copy.keySet()).as("run scripts/sync-chart-dashboards.sh").isEqualTo(source.keySet());
        try (Stream<Path> all = Files.walk(COPY)) {
            assertThat(all.filter(Files::isRegularFile).count()).as("nothing else in the chart's copy").isEqualTo(copy.size());
        }
        for (String f : source.keySet()) {
            assertThat(copy.get(f)).as(f + " differs: run scripts/sync-chart-dashboards.sh").isEqualTo(source.get(f));
        }
    }

    @Test
    void configMapsCarryEveryDashboardAndTheProvisioningUnchanged() throws IOException {
        RenderedChart chart = RenderedChart.render();
        JsonNode dashboards = chart.get("ConfigMap", "cr-grafana-dashboards").path("data");
        Map<String, byte[]> json = files(DASHBOARDS.resolve("json"));
        assertThat(fieldNames(dashboards)).containsExactlyInAnyOrderElementsOf(json.keySet());
        for (Map.Entry<String, byte[]> f : json.entrySet()) {
            assertThat(dashboards.path(f.getKey()).asText()).as(f.getKey()).isEqualTo(new String(f.getValue(), StandardCharsets.UTF_8));
        }
        JsonNode provisioning = chart.get("ConfigMap", "cr-grafana-provisioning").path("data");
        assertThat(provisioning.path("datasources.yaml").asText()).isEqualTo(Files.readString(DASHBOARDS.resolve("provisioning/datasources/callready.yaml")));
        assertThat(provisioning.path("dashboards.yaml").asText()).isEqualTo(Files.readString(DASHBOARDS.resolve("provisioning/dashboards/callready.yaml")));
        JsonNode source = new YAMLMapper().readTree(provisioning.path("datasources.yaml").asText()).path("datasources").path(0);
        for (Iterator<String> it = dashboards.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            for (JsonNode panel : new ObjectMapper().readTree(dashboards.path(name).asText()).path("panels")) {
                assertThat(panel.path("datasource").path("uid").asText()).as(name + " " + panel.path("title")).isEqualTo(source.path("uid").asText());
            }
        }
        assertThat(RenderedChart.render("grafana.enabled=false").names()).noneMatch(n -> n.contains("grafana"));
    }

    @Test
    void podMountsProvisioningWhereGrafanaReadsItAndSetsEveryDatasourceVariable() throws IOException {
        RenderedChart chart = RenderedChart.render();
        JsonNode deployment = chart.get("Deployment", "cr-grafana");
        JsonNode grafana = container(deployment, "grafana");
        assertThat(grafana.path("image").asText()).startsWith("grafana/grafana:");
        Map<String, String> mounts = new TreeMap<>();
        grafana.path("volumeMounts").forEach(m -> mounts.put(m.path("mountPath").asText(), m.path("name").asText() + ":" + m.path("subPath").asText()));
        assertThat(mounts).containsEntry("/etc/grafana/provisioning/datasources/callready.yaml", "provisioning:datasources.yaml")
                .containsEntry("/etc/grafana/provisioning/dashboards/callready.yaml", "provisioning:dashboards.yaml");
        JsonNode provider = new YAMLMapper().readTree(DASHBOARDS.resolve("provisioning/dashboards/callready.yaml").toFile());
        assertThat(mounts).containsEntry(provider.path("providers").path(0).path("options").path("path").asText(), "dashboards:");
        Map<String, String> volumes = new TreeMap<>();
        deployment.path("spec").path("template").path("spec").path("volumes").forEach(v -> volumes.put(v.path("name").asText(),
                v.path("configMap").path("name").asText()));
        assertThat(volumes).containsEntry("provisioning", "cr-grafana-provisioning").containsEntry("dashboards", "cr-grafana-dashboards");

        String datasource = Files.readString(DASHBOARDS.resolve("provisioning/datasources/callready.yaml"));
        Matcher variable = Pattern.compile("\\$\\{([A-Z_]+)}").matcher(datasource);
        List<String> used = new ArrayList<>();
        while (variable.find()) {
            used.add(variable.group(1));
        }
        Map<String, String> env = env(grafana);
        assertThat(used).isNotEmpty();
        assertThat(env).containsKeys(used.toArray(String[]::new));
        assertThat(env).containsEntry("CALLREADY_DB_HOST", "cr-timescaledb").containsEntry("CALLREADY_DB_PORT", "5432")
                .containsEntry("CALLREADY_DB_NAME", "callready").containsEntry("CALLREADY_DB_READER", "callready_fleet_reader")
                .containsEntry("CALLREADY_DB_READER_PASSWORD", "secret:cr-grafana-db/password")
                .containsEntry("GF_SECURITY_ADMIN_PASSWORD", "secret:cr-grafana/admin-password");
        String jdbc = env(container(chart.get("Deployment", "cr-collector"), "collector")).get("QUARKUS_DATASOURCE_JDBC_URL");
        assertThat(jdbc).isEqualTo("jdbc:postgresql://%s:%s/%s?sslmode=%s".formatted(env.get("CALLREADY_DB_HOST"), env.get("CALLREADY_DB_PORT"),
                env.get("CALLREADY_DB_NAME"), env.get("CALLREADY_DB_SSLMODE")));
        assertThat(grafana.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/api/health");
    }

    /** Files under the given subdirectories of root, by path relative to root. */
    private static Map<String, byte[]> files(Path root, String... subdirs) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        for (String sub : subdirs.length == 0 ? new String[]{""} : subdirs) {
            Path dir = root.resolve(sub);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    files.put(root.relativize(p).toString(), Files.readAllBytes(p));
                }
            }
        }
        return files;
    }

    private static List<String> fieldNames(JsonNode node) {
        TreeSet<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return List.copyOf(names);
    }
}
