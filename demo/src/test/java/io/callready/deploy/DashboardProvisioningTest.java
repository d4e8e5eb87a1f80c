package io.callready.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grafana has no schema for provisioning files, so the keys it needs are checked here, and every key must be one
 * Grafana's provisioning reads (a misspelt key is silently ignored by Grafana); every dashboard must use the
 * provisioned datasource. (The dashboards' SQL runs against a seeded database in the collector's DashboardSqlIT and
 * against a live collector database in DemoIT; their schema is checked by DashboardSchemaIT.)
 */
class DashboardProvisioningTest {
    private static final Path DASHBOARDS = Path.of(System.getProperty("callready.root", "..")).resolve("dashboards");

    /** Allowed keys per path; "[]" stands for any list element. */
    private static final Map<String, Set<String>> DATASOURCE_KEYS = Map.of(
            "", Set.of("apiVersion", "datasources", "deleteDatasources", "prune"),
            "datasources[]", Set.of("name", "uid", "type", "access", "orgId", "url", "user", "database", "basicAuth", "basicAuthUser",
                    "withCredentials", "isDefault", "jsonData", "secureJsonData", "version", "editable"),
            "datasources[].jsonData", Set.of("database", "sslmode", "postgresVersion", "timescaledb", "maxOpenConns", "maxIdleConns",
                    "maxIdleConnsAuto", "connMaxLifetime", "tlsAuth", "tlsAuthWithCACert", "tlsConfigurationMethod", "timeInterval"),
            "datasources[].secureJsonData", Set.of("password", "tlsCACert", "tlsClientCert", "tlsClientKey"));
    private static final Map<String, Set<String>> PROVIDER_KEYS = Map.of(
            "", Set.of("apiVersion", "providers"),
            "providers[]", Set.of("name", "orgId", "folder", "folderUid", "type", "disableDeletion", "allowUiUpdates",
                    "updateIntervalSeconds", "options"),
            "providers[].options", Set.of("path", "foldersFromFilesStructure"));

    @Test
    void provisioningHasOnlyKeysGrafanaReads() throws IOException {
        assertThat(unknownKeys(new YAMLMapper().readTree(DASHBOARDS.resolve("provisioning/datasources/callready.yaml").toFile()), "",
                DATASOURCE_KEYS)).isEmpty();
        assertThat(unknownKeys(new YAMLMapper().readTree(DASHBOARDS.resolve("provisioning/dashboards/callready.yaml").toFile()), "",
                PROVIDER_KEYS)).isEmpty();
        JsonNode misspelt = new YAMLMapper().readTree("apiVersion: 1\ndatasources:\n  - name: x\n    jsonData:\n      sslMode: disable\n");
        assertThat(unknownKeys(misspelt, "", DATASOURCE_KEYS)).containsExactly("datasources[].jsonData.sslMode");
    }

    private static List<String> unknownKeys(JsonNode node, String path, Map<String, Set<String>> allowed) {
        List<String> unknown = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(e -> unknown.addAll(unknownKeys(e, path + "[]", allowed)));
        } else if (node.isObject() && allowed.containsKey(path)) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                String child = path.isEmpty() ? key : path + "." + key;
                if (allowed.get(path).contains(key)) {
                    unknown.addAll(unknownKeys(node.get(key), child, allowed));
                } else {
                    unknown.add(child);
                }
            }
        }
        return unknown;
    }

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
