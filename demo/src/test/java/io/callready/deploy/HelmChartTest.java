package io.callready.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.callready.deploy.RenderedChart.container;
import static io.callready.deploy.RenderedChart.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Helm chart lints clean in strict mode and renders, for the main value combinations (bundled TimescaleDB,
 * external database, reflector with SIP ports, several collector replicas), the workloads, services, probes, env and
 * PodDisruptionBudgets the deployment needs, with every container bounded and hardened. Assertions on parsed manifests.
 */
class HelmChartTest {
    @Test
    void lintsCleanInStrictMode() {
        LintResult lint = new Helm(RenderedChart.CHART).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void defaultsRenderCollectorReflectorTimescaleAndGrafana() {
        RenderedChart chart = RenderedChart.render();
        assertThat(chart.podTemplates()).containsOnlyKeys("cr-collector", "cr-reflector", "cr-timescaledb", "cr-grafana");
        JsonNode collector = container(chart.get("Deployment", "cr-collector"), "collector");
        Map<String, String> env = env(collector);
        assertThat(env).containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://cr-timescaledb:5432/callready?sslmode=disable")
                .containsEntry("QUARKUS_DATASOURCE_USERNAME", "callready")
                .containsEntry("QUARKUS_DATASOURCE_PASSWORD", "secret:cr-db/password")
                .containsEntry("CALLREADY_ADMIN_TOKEN", "secret:cr-admin/admin-token")
                .containsEntry("CALLREADY_GRAFANA_FLEET_READER_PASSWORD", "secret:cr-grafana-db/password")
                .containsEntry("QUARKUS_HTTP_PORT", "8080");
        assertThat(env.get("JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=40", "-XX:MaxDirectMemorySize=64m");
        assertThat(collector.path("resources").path("limits").path("memory").asText()).isEqualTo("640Mi");
        assertThat(collector.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
        assertThat(collector.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");
        assertThat(collector.path("readinessProbe").path("httpGet").path("port").asText()).isEqualTo("http");
        assertThat(collector.path("ports").path(0).path("containerPort").asInt()).isEqualTo(8080);
        JsonNode timescale = container(chart.get("StatefulSet", "cr-timescaledb"), "timescaledb");
        assertThat(env(timescale)).containsEntry("POSTGRES_PASSWORD", "secret:cr-db/password").containsEntry("POSTGRES_USER", "callready");

        JsonNode reflector = chart.get("Deployment", "cr-reflector");
        assertThat(container(reflector, "reflector").path("args")).extracting(JsonNode::asText)
                .containsExactly("--bind=0.0.0.0", "--port=5004", "--stamp-port=862");
        JsonNode reflectorService = chart.get("Service", "cr-reflector");
        assertThat(servicePorts(reflectorService)).containsExactly("rtp 5004/UDP->rtp", "stamp 862/UDP->stamp");
        assertThat(reflectorService.path("spec").path("type").asText()).isEqualTo("LoadBalancer");
        assertThat(reflectorService.path("spec").path("externalTrafficPolicy").asText()).isEqualTo("Local");
        assertThat(chart.ofKind("PodDisruptionBudget")).isEmpty();
    }

    @Test
    void everySecretReferenceIsRenderedOrNamedByTheUser() {
        RenderedChart chart = RenderedChart.render();
        List<String> secrets = chart.ofKind("Secret").stream().map(s -> s.path("metadata").path("name").asText()).toList();
        assertThat(secrets).containsExactlyInAnyOrder("cr-db", "cr-admin", "cr-grafana-db", "cr-grafana");
        for (JsonNode workload : chart.podTemplates().values()) {
            for (JsonNode c : workload.path("spec").path("containers")) {
                for (String value : env(c).values()) {
                    if (value.startsWith("secret:")) {
                        String name = value.substring(7, value.indexOf('/'));
                        JsonNode secret = chart.get("Secret", name);
                        assertThat(secret.path("data").has(value.substring(value.indexOf('/') + 1))).as(value).isTrue();
                        assertThat(secret.path("metadata").path("annotations").path("helm.sh/resource-policy").asText()).isEqualTo("keep");
                    }
                }
            }
        }
        RenderedChart own = RenderedChart.render("collector.adminTokenSecret=my-admin", "grafana.adminPasswordSecret=my-grafana",
                "grafana.dbPasswordSecret=my-reader");
        assertThat(own.ofKind("Secret")).extracting(s -> s.path("metadata").path("name").asText()).containsExactly("cr-db");
        assertThat(env(container(own.get("Deployment", "cr-grafana"), "grafana")))
                .containsEntry("GF_SECURITY_ADMIN_PASSWORD", "secret:my-grafana/admin-password")
                .containsEntry("CALLREADY_DB_READER_PASSWORD", "secret:my-reader/password");
        assertThat(env(container(own.get("Deployment", "cr-collector"), "collector")))
                .containsEntry("CALLREADY_ADMIN_TOKEN", "secret:my-admin/admin-token")
                .containsEntry("CALLREADY_GRAFANA_FLEET_READER_PASSWORD", "secret:my-reader/password");
    }

    @Test
    void externalDatabaseReplacesTimescaleForCollectorAndGrafana() {
        RenderedChart chart = RenderedChart.render("timescaledb.enabled=false", "externalDatabase.host=pg.example.net",
                "externalDatabase.port=6432", "externalDatabase.database=cr_prod", "externalDatabase.user=cr_app",
                "externalDatabase.passwordSecret=cr-app-db", "externalDatabase.sslmode=verify-full");
        assertThat(chart.podTemplates()).containsOnlyKeys("cr-collector", "cr-reflector", "cr-grafana");
        assertThat(chart.find("Service", "cr-timescaledb")).isEmpty();
        assertThat(chart.find("Secret", "cr-db")).isEmpty();
        assertThat(env(container(chart.get("Deployment", "cr-collector"), "collector")))
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://pg.example.net:6432/cr_prod?sslmode=verify-full")
                .containsEntry("QUARKUS_DATASOURCE_USERNAME", "cr_app")
                .containsEntry("QUARKUS_DATASOURCE_PASSWORD", "secret:cr-app-db/password");
        assertThat(env(container(chart.get("Deployment", "cr-grafana"), "grafana")))
                .containsEntry("CALLREADY_DB_HOST", "pg.example.net").containsEntry("CALLREADY_DB_PORT", "6432")
                .containsEntry("CALLREADY_DB_NAME", "cr_prod").containsEntry("CALLREADY_DB_SSLMODE", "verify-full")
                .containsEntry("CALLREADY_DB_READER", "callready_fleet_reader");
    }

    @Test
    void externalDatabaseIsRequiredWithoutTimescale() {
        assertThatThrownBy(() -> RenderedChart.render("timescaledb.enabled=false"))
                .hasMessageContaining("externalDatabase.").hasMessageContaining("is required when timescaledb.enabled=false");
        assertThatThrownBy(() -> RenderedChart.render("timescaledb.enabled=false", "externalDatabase.host=h", "externalDatabase.user=u"))
                .hasMessageContaining("externalDatabase.passwordSecret is required");
        assertThatThrownBy(() -> RenderedChart.render("timescaledb.enabled=false", "externalDatabase.passwordSecret=x", "externalDatabase.user=u"))
                .hasMessageContaining("externalDatabase.host is required");
        assertThatThrownBy(() -> RenderedChart.render("timescaledb.enabled=false", "externalDatabase.passwordSecret=x", "externalDatabase.host=h"))
                .hasMessageContaining("externalDatabase.user is required");
    }

    @Test
    void sipResponderPortsAppearOnPodServiceAndArgsWhenEnabled() {
        RenderedChart chart = RenderedChart.render("reflector.sip.enabled=true");
        JsonNode reflector = container(chart.get("Deployment", "cr-reflector"), "reflector");
        assertThat(reflector.path("args")).extracting(JsonNode::asText).contains("--sip", "--sip-udp-ports=5060,5080,5160",
                "--sip-tcp-ports=5060,5080,5160");
        List<String> containerPorts = new ArrayList<>();
        reflector.path("ports").forEach(p -> containerPorts.add(p.path("name").asText() + " " + p.path("containerPort").asInt() + "/" + p.path("protocol").asText()));
        assertThat(containerPorts).containsExactly("rtp 5004/UDP", "stamp 862/UDP", "sip-udp-5060 5060/UDP", "sip-udp-5080 5080/UDP",
                "sip-udp-5160 5160/UDP", "sip-tcp-5060 5060/TCP", "sip-tcp-5080 5080/TCP", "sip-tcp-5160 5160/TCP");
        assertThat(servicePorts(chart.get("Service", "cr-reflector"))).containsExactly("rtp 5004/UDP->rtp", "stamp 862/UDP->stamp",
                "sip-udp-5060 5060/UDP->sip-udp-5060", "sip-udp-5080 5080/UDP->sip-udp-5080", "sip-udp-5160 5160/UDP->sip-udp-5160",
                "sip-tcp-5060 5060/TCP->sip-tcp-5060", "sip-tcp-5080 5080/TCP->sip-tcp-5080", "sip-tcp-5160 5160/TCP->sip-tcp-5160");
        JsonNode pod = chart.get("Deployment", "cr-reflector").path("spec").path("template").path("spec");
        assertThat(pod.path("securityContext").path("sysctls").path(0).path("name").asText()).isEqualTo("net.ipv4.ip_unprivileged_port_start");
    }

    @Test
    void severalCollectorReplicasGetADisruptionBudgetSelectingTheirPods() {
        RenderedChart chart = RenderedChart.render("collector.replicas=3");
        assertThat(chart.get("Deployment", "cr-collector").path("spec").path("replicas").asInt()).isEqualTo(3);
        JsonNode pdb = chart.get("PodDisruptionBudget", "cr-collector");
        assertThat(pdb.path("spec").path("minAvailable").asInt()).isEqualTo(1);
        assertThat(chart.selected(pdb.path("spec").path("selector"))).containsExactly("cr-collector");
        assertThat(chart.ofKind("PodDisruptionBudget")).hasSize(1);
        assertThat(RenderedChart.render("reflector.replicas=2").find("PodDisruptionBudget", "cr-reflector")).isPresent();
    }

    @Test
    void everyWorkloadSelectsItsOwnPodsAndEveryServiceItsWorkload() {
        RenderedChart chart = RenderedChart.render("reflector.sip.enabled=true");
        for (String kind : RenderedChart.WORKLOADS) {
            for (JsonNode w : chart.ofKind(kind)) {
                String name = w.path("metadata").path("name").asText();
                assertThat(chart.selected(w.path("spec").path("selector"))).as(name).containsExactly(name);
                JsonNode service = chart.get("Service", name);
                assertThat(chart.selectedByService(service)).as("service " + name).containsExactly(name);
                List<String> named = new ArrayList<>();
                w.path("spec").path("template").path("spec").path("containers").forEach(c -> c.path("ports").forEach(p -> named.add(p.path("name").asText())));
                service.path("spec").path("ports").forEach(p -> assertThat(named).as(name + " target " + p).contains(p.path("targetPort").asText()));
            }
        }
    }

    @Test
    void everyContainerIsBoundedNonRootAndReadOnly() {
        RenderedChart chart = RenderedChart.render("reflector.sip.enabled=true");
        for (Map.Entry<String, JsonNode> pod : chart.podTemplates().entrySet()) {
            JsonNode spec = pod.getValue().path("spec");
            assertThat(spec.path("securityContext").path("runAsNonRoot").asBoolean()).as(pod.getKey()).isTrue();
            assertThat(spec.path("securityContext").path("runAsUser").asInt()).as(pod.getKey()).isPositive();
            assertThat(spec.path("automountServiceAccountToken").asBoolean(true)).as(pod.getKey()).isFalse();
            for (JsonNode c : spec.path("containers")) {
                String what = pod.getKey() + "/" + c.path("name").asText();
                assertThat(c.path("resources").path("requests").path("cpu").asText()).as(what).isNotEmpty();
                assertThat(c.path("resources").path("requests").path("memory").asText()).as(what).isNotEmpty();
                assertThat(c.path("resources").path("limits").path("memory").asText()).as(what).isNotEmpty();
                JsonNode security = c.path("securityContext");
                assertThat(security.path("readOnlyRootFilesystem").asBoolean()).as(what).isTrue();
                assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as(what).isFalse();
                assertThat(security.path("capabilities").path("drop")).extracting(JsonNode::asText).as(what).containsExactly("ALL");
                boolean udpOnly = c.path("name").asText().equals("reflector");
                assertThat(c.path("readinessProbe").isObject()).as(what + " readiness").isEqualTo(!udpOnly);
                assertThat(c.path("livenessProbe").isObject()).as(what + " liveness").isEqualTo(!udpOnly);
                assertThat(c.path("image").asText()).as(what).matches("[a-z0-9./-]+:[0-9][A-Za-z0-9.-]*");
            }
        }
    }

    private static List<String> servicePorts(JsonNode service) {
        List<String> ports = new ArrayList<>();
        service.path("spec").path("ports").forEach(p -> ports.add(p.path("name").asText() + " " + p.path("port").asInt() + "/"
                + p.path("protocol").asText("TCP") + "->" + p.path("targetPort").asText()));
        return ports;
    }
}
