package io.callready.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grafana has no schema for provisioning files, so the keys it needs are checked here, and every dashboard must use
 * the provisioned datasource. (The dashboards' SQL is run against a live collector database by DemoIT.)
 */
class DashboardProvisioningTest {
    private static final Path DASHBOARDS = Path.of(System.getProperty("callready.root", "..")).resolve("dashboards");

    @Test
    void datasourceAndProviderHaveTheKeysGrafanaReads() throws IOException {
        JsonNode ds = new YAMLMapper().readTree(DASHBOARDS.resolve("provisioning/datasources/callready.yaml").toFile());
        assertThat(ds.path("apiVersion").asInt()).isEqualTo(1);
        JsonNode source = ds.path("datasources").path(0);
        assertThat(source.path("type").asText()).isEqualTo("grafana-postgresql-datasource");
        assertThat(source.path("uid").asText()).isEqualTo("callready-db");
        assertThat(source.path("jsonData").path("database").asText()).isNotBlank();

        JsonNode providers = new YAMLMapper().readTree(DASHBOARDS.resolve("provisioning/dashboards/callready.yaml").toFile());
        assertThat(providers.path("apiVersion").asInt()).isEqualTo(1);
        assertThat(providers.path("providers").path(0).path("type").asText()).isEqualTo("file");
        assertThat(providers.path("providers").path(0).path("options").path("path").asText()).startsWith("/");
    }

    @Test
    void everyDashboardUsesTheProvisionedDatasourceAndHasAUniqueUid() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DASHBOARDS.resolve("json"))) {
            files = s.filter(p -> p.toString().endsWith(".json")).toList();
        }
        assertThat(files).isNotEmpty();
        Set<String> uids = new HashSet<>();
        for (Path f : files) {
            JsonNode d = new ObjectMapper().readTree(f.toFile());
            assertThat(uids.add(d.path("uid").asText())).as(f + " uid is unique").isTrue();
            assertThat(d.path("schemaVersion").asInt()).as(f + " schemaVersion").isPositive();
            for (JsonNode panel : d.path("panels")) {
                assertThat(panel.path("datasource").path("uid").asText()).as(f + " panel " + panel.path("title")).isEqualTo("callready-db");
                assertThat(panel.path("gridPos").path("w").asInt()).as(f + " panel width").isBetween(1, 24);
            }
        }
    }
}
