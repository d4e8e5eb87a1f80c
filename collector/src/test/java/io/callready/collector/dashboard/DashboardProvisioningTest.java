package io.callready.collector.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grafana's provisioning YAML has no schema: its keys are checked here against the ones Grafana's provisioning reads
 * (a misspelt key is silently ignored by Grafana), and every dashboard must use the provisioned data source.
 */
class DashboardProvisioningTest {
    private static final Path PROVISIONING = DashboardPanels.dashboardDir().resolveSibling("provisioning");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

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
    void datasourceKeysAreGrafanasAndEveryDashboardUsesIt() throws IOException {
        JsonNode ds = YAML.readTree(PROVISIONING.resolve("datasources/callready.yaml").toFile());
        assertThat(unknownKeys(ds, "", DATASOURCE_KEYS)).isEmpty();
        assertThat(ds.path("apiVersion").asInt()).isEqualTo(1);
        JsonNode source = ds.path("datasources").get(0);
        assertThat(source.path("type").asText()).isEqualTo("grafana-postgresql-datasource");
        String uid = source.path("uid").asText();
        try (Stream<Path> files = Files.list(DashboardPanels.dashboardDir())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                List<String> uids = new ArrayList<>();
                new ObjectMapper().readTree(f.toFile()).findParents("datasource").forEach(p -> uids.add(p.path("datasource").path("uid").asText()));
                assertThat(uids).as(f.toString()).isNotEmpty().containsOnly(uid);
            }
        }
    }

    @Test
    void dashboardProviderKeysAreGrafanas() throws IOException {
        JsonNode dp = YAML.readTree(PROVISIONING.resolve("dashboards/callready.yaml").toFile());
        assertThat(unknownKeys(dp, "", PROVIDER_KEYS)).isEmpty();
        JsonNode provider = dp.path("providers").get(0);
        assertThat(provider.path("type").asText()).isEqualTo("file");
        assertThat(provider.path("options").path("path").asText()).startsWith("/");
    }

    @Test
    void aMisspeltKeyIsFound() throws IOException {
        JsonNode bad = YAML.readTree("apiVersion: 1\ndatasources:\n  - name: x\n    jsonData:\n      sslMode: disable\n");
        assertThat(unknownKeys(bad, "", DATASOURCE_KEYS)).containsExactly("datasources[].jsonData.sslMode");
    }

    private static List<String> unknownKeys(JsonNode node, String path, Map<String, Set<String>> allowed) {
        List<String> unknown = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(e -> unknown.addAll(unknownKeys(e, path + "[]", allowed)));
        } else if (node.isObject() && allowed.containsKey(path)) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                String child = path.isEmpty() ? key : path + "." + key;
                if (!allowed.get(path).contains(key)) {
                    unknown.add(child);
                } else {
                    unknown.addAll(unknownKeys(node.get(key), child, allowed));
                }
            }
        }
        return unknown;
    }
}
