package io.callready.deploy;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** values.schema.json is strict: helm refuses an unknown key, a wrong type, an unknown enum value or a value out of range, naming where. */
class HelmValuesSchemaTest {
    @Test
    void badValuesAreRefusedNamingTheirPlace() {
        Map<String, String> refused = Map.of(
                "collector.replicas=0", "/collector/replicas",
                "collector.replicass=2", "'replicass' not allowed",
                "collector.httpPort=80", "/collector/httpPort",
                "reflector.stampPort=70000", "/reflector/stampPort",
                "reflector.service.type=Ingress", "/reflector/service/type",
                "reflector.sip.udpPorts[0]=sip", "/reflector/sip/udpPorts/0",
                "externalDatabase.sslmode=prefer", "/externalDatabase/sslmode",
                "grafana.enabled=maybe", "/grafana/enabled",
                "timescaledb.storage=lots", "/timescaledb/storage",
                "networkPolicy.collectorFrom[0].podSelectr.matchLabels.a=b", "'podSelectr' not allowed");
        for (Map.Entry<String, String> bad : refused.entrySet()) {
            assertThatThrownBy(() -> RenderedChart.render(bad.getKey())).as(bad.getKey())
                    .hasMessageContaining("values don't meet the specifications of the schema").hasMessageContaining(bad.getValue());
        }
    }

    @Test
    void theDefaultsAndTheDocumentedCombinationsPass() {
        assertThat(RenderedChart.render().manifests()).isNotEmpty();
        assertThat(RenderedChart.render("collector.replicas=3", "reflector.sip.enabled=true", "reflector.service.type=NodePort",
                "externalDatabase.sslmode=verify-full", "collector.resources.limits.cpu=2").manifests()).isNotEmpty();
    }
}
