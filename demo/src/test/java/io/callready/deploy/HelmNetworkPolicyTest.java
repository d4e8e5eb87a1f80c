package io.callready.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NetworkPolicies, evaluated on the rendered pods with Kubernetes' selector rules: a default deny selects every
 * pod; each pod's own policy opens exactly the ports it serves (named ports resolved against its containers), the
 * database only to the collector and Grafana, the reflector and the collector to any source, Grafana's egress only to
 * DNS and the database.
 */
class HelmNetworkPolicyTest {
    /** One allowed inbound flow: port/protocol and the workloads allowed ("*" = any source). */
    record Flow(String port, Set<String> from) {
    }

    @Test
    void defaultDenySelectsEveryPodAndEachPodHasItsOwnPolicy() {
        for (RenderedChart chart : List.of(RenderedChart.render(), RenderedChart.render("reflector.sip.enabled=true", "collector.replicas=2"),
                externalDatabase())) {
            JsonNode deny = chart.get("NetworkPolicy", "cr-default-deny").path("spec");
            assertThat(deny.path("ingress").isMissingNode() && deny.path("egress").isMissingNode()).isTrue();
            assertThat(deny.path("policyTypes")).extracting(JsonNode::asText).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(chart.selected(deny.path("podSelector"))).containsExactlyInAnyOrderElementsOf(chart.podTemplates().keySet());
            for (String pod : chart.podTemplates().keySet()) {
                assertThat(chart.selected(chart.get("NetworkPolicy", pod).path("spec").path("podSelector"))).as(pod).containsExactly(pod);
            }
        }
    }

    @Test
    void databaseOnlyFromCollectorAndGrafana() {
        RenderedChart chart = RenderedChart.render();
        assertThat(inbound(chart, "cr-timescaledb")).containsExactly(new Flow("5432/TCP", Set.of("cr-collector", "cr-grafana")));
        assertThat(chart.get("NetworkPolicy", "cr-timescaledb").path("spec").path("egress")).isEmpty();
        assertThat(inbound(RenderedChart.render("grafana.enabled=false"), "cr-timescaledb"))
                .containsExactly(new Flow("5432/TCP", Set.of("cr-collector")));
    }

    @Test
    void reflectorPortsFromAnywhereIncludingSip() {
        assertThat(inbound(RenderedChart.render(), "cr-reflector"))
                .containsExactly(new Flow("5004/UDP", Set.of("*")), new Flow("862/UDP", Set.of("*")));
        List<Flow> sip = inbound(RenderedChart.render("reflector.sip.enabled=true", "reflector.stampPort=8862"), "cr-reflector");
        assertThat(sip).extracting(Flow::port).containsExactly("5004/UDP", "8862/UDP", "5060/UDP", "5080/UDP", "5160/UDP",
                "5060/TCP", "5080/TCP", "5160/TCP");
        assertThat(sip).allMatch(f -> f.from().equals(Set.of("*")));
    }

    @Test
    void collectorAndGrafanaFromTheConfiguredPeersOnTheirHttpPortOnly() {
        RenderedChart chart = RenderedChart.render();
        assertThat(inbound(chart, "cr-collector")).containsExactly(new Flow("8080/TCP", Set.of("*")));
        assertThat(inbound(chart, "cr-grafana")).containsExactly(new Flow("3000/TCP", Set.of("*")));
        RenderedChart restricted = RenderedChart.render("networkPolicy.collectorFrom[0].namespaceSelector.matchLabels.name=ingress",
                "collector.httpPort=8181");
        JsonNode rule = restricted.get("NetworkPolicy", "cr-collector").path("spec").path("ingress").path(0);
        assertThat(rule.path("from").path(0).path("namespaceSelector").path("matchLabels").path("name").asText()).isEqualTo("ingress");
        assertThat(inbound(restricted, "cr-collector")).extracting(Flow::port).containsExactly("8181/TCP");
    }

    @Test
    void grafanaEgressOnlyToDnsAndTheDatabase() {
        JsonNode egress = RenderedChart.render().get("NetworkPolicy", "cr-grafana").path("spec").path("egress");
        RenderedChart chart = RenderedChart.render();
        assertThat(egress).hasSize(2);
        assertThat(egress.path(0).path("ports")).extracting(p -> p.path("port").asInt() + "/" + p.path("protocol").asText())
                .containsExactlyInAnyOrder("53/UDP", "53/TCP");
        assertThat(egress.path(1).path("ports").path(0).path("port").asInt()).isEqualTo(5432);
        assertThat(chart.selected(egress.path(1).path("to").path(0).path("podSelector"))).containsExactly("cr-timescaledb");
        JsonNode external = externalDatabase().get("NetworkPolicy", "cr-grafana").path("spec").path("egress");
        assertThat(external.path(1).path("ports").path(0).path("port").asInt()).isEqualTo(6432);
        assertThat(RenderedChart.render("networkPolicy.enabled=false").ofKind("NetworkPolicy")).isEmpty();
    }

    private static RenderedChart externalDatabase() {
        return RenderedChart.render("timescaledb.enabled=false", "externalDatabase.host=pg.example.net", "externalDatabase.port=6432",
                "externalDatabase.user=cr", "externalDatabase.passwordSecret=cr-db-ext");
    }

    /** Inbound flows the policies selecting this workload's pods allow, named ports resolved against its containers. */
    private static List<Flow> inbound(RenderedChart chart, String workload) {
        JsonNode pod = chart.podTemplates().get(workload);
        Map<String, String> named = new HashMap<>();
        pod.path("spec").path("containers").forEach(c -> c.path("ports").forEach(p -> named.put(p.path("name").asText(),
                p.path("containerPort").asText() + "/" + p.path("protocol").asText("TCP"))));
        List<Flow> flows = new ArrayList<>();
        for (JsonNode policy : chart.ofKind("NetworkPolicy")) {
            JsonNode spec = policy.path("spec");
            if (!RenderedChart.selects(spec.path("podSelector"), pod.path("metadata").path("labels"))) {
                continue;
            }
            for (JsonNode rule : spec.path("ingress")) {
                Set<String> from = new TreeSet<>();
                if (rule.path("from").isMissingNode() || rule.path("from").isEmpty()) {
                    from.add("*");
                }
                for (JsonNode peer : rule.path("from")) {
                    if (peer.has("podSelector") && !peer.has("namespaceSelector")) {
                        from.addAll(chart.selected(peer.path("podSelector")));
                    } else {
                        from.add("peer " + peer);
                    }
                }
                for (JsonNode port : rule.path("ports")) {
                    String p = port.path("port").asText();
                    String protocol = port.path("protocol").asText("TCP");
                    String resolved = named.containsKey(p) ? named.get(p) : p + "/" + protocol;
                    assertThat(resolved).as(workload + " port " + p).endsWith("/" + protocol);
                    assertThat(named.values()).as(workload + " serves " + resolved).contains(resolved);
                    flows.add(new Flow(resolved, Set.copyOf(from)));
                }
            }
        }
        return flows;
    }
}
