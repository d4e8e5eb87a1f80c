package io.callready.agent.lab;

import com.fasterxml.jackson.databind.JsonNode;
import io.callready.wire.Json;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The lab's optional second NAT (carrier-grade 100.64/10 in between): SIP still arrives untouched, twice translated. */
class DoubleNatLabIT {
    @Test
    void twoNatsInARowAreNotMistakenForAnAlg() throws Exception {
        String why = Lab.unavailable();
        assumeTrue(why == null, "skipping the double-NAT lab: " + why);
        Path work = Files.createTempDirectory("double-nat-lab");
        try (Lab lab = Lab.up("crdnat", "double-nat")) {
            lab.spawn("prov", Lab.java("io.callready.reflector.ReflectorMain", "--bind", "0.0.0.0", "--port", "5004", "--sip"),
                    work.resolve("reflector.log"), "SIP responder on udp", Duration.ofSeconds(20));
            Lab.Result r = lab.exec("site", Lab.java("io.callready.agent.AgentMain", "check", "--profile", "flowroute",
                    "--sip-host", "sip:" + Lab.PROVIDER_IP, "--reflector", Lab.PROVIDER_IP, "--json"), Duration.ofSeconds(90));
            JsonNode doc = Json.newMapper().readTree(r.output());
            JsonNode alg = null;
            for (JsonNode i : doc.path("items")) {
                if (i.path("id").asText().equals("sip-alg")) alg = i;
            }
            assertThat(alg).as(r.output() + r.errors()).isNotNull();
            assertThat(alg.path("status").asText()).isEqualTo("pass");
            assertThat(alg.path("evidence").asText()).contains("NAT seen").contains("arrived from " + Lab.ROUTER_WAN_IP);
            assertThat(doc.path("summary").path("fail").asInt()).isZero();
        }
    }
}
