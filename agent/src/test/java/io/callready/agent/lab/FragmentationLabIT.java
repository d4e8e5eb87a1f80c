package io.callready.agent.lab;

import com.fasterxml.jackson.databind.JsonNode;
import io.callready.wire.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The fragmentation verdict must not depend on what the kernel learnt before: on a fresh lab (no path MTU cached
 * for the reflector) the first check and the second give the same verdict, sizes and path MTU.
 */
class FragmentationLabIT {
    private Lab lab;

    @AfterEach
    void down() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    private JsonNode fragmentation() throws Exception {
        Lab.Result r = lab.exec("site", Lab.java("io.callready.agent.AgentMain", "check", "--profile", "flowroute",
                "--sip-host", "sip:" + Lab.PROVIDER_IP, "--reflector", Lab.PROVIDER_IP, "--json"), Duration.ofSeconds(90));
        assertThat(r.output()).as("stderr: %s", r.errors()).startsWith("{");
        for (JsonNode i : Json.newMapper().readTree(r.output()).path("items")) {
            if (i.path("id").asText().equals("fragmentation")) return i;
        }
        throw new AssertionError("no fragmentation item in " + r.output());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"single-nat", "double-nat"})
    void reducedMtuWithFragmentsDroppedGivesTheSameVerdictOnTheFirstRunAndTheSecond(String topology) throws Exception {
        String why = Lab.unavailable();
        assumeTrue(why == null, "skipping the fragmentation namespace lab: " + why);
        Path work = Files.createTempDirectory("frag-lab");
        lab = topology.equals("double-nat") ? Lab.up("crfrag", "double-nat") : Lab.up("crfrag");
        lab.spawn("prov", Lab.java("io.callready.reflector.ReflectorMain", "--bind", "0.0.0.0", "--port", "5004", "--sip"),
                work.resolve("reflector.log"), "SIP responder on udp", Duration.ofSeconds(20));
        lab.script("mtu", "1400");
        // the router eats fragments the site sends but fragments what it forwards: what a phone that learnt the
        // path MTU sends is lost, while one that did not yet gets its 1472 B through (the router fragments it)
        lab.script("drop-fragments", "rtr");
        JsonNode first = fragmentation();
        JsonNode second = fragmentation();
        assertThat(first.path("evidence").asText()).as("first run").contains("fragments dropped");
        assertThat(second.path("evidence").asText()).as("second run").isEqualTo(first.path("evidence").asText());
        assertThat(second.path("status").asText()).isEqualTo(first.path("status").asText()).isEqualTo("fail");
    }

    @Test
    void fragmentsDroppedOnlyTowardsTheSiteAreFoundByTheLargeAnswers() throws Exception {
        String why = Lab.unavailable();
        assumeTrue(why == null, "skipping the fragmentation namespace lab: " + why);
        Path work = Files.createTempDirectory("frag-lab");
        lab = Lab.up("crfrag");
        lab.spawn("prov", Lab.java("io.callready.reflector.ReflectorMain", "--bind", "0.0.0.0", "--port", "5004", "--sip"),
                work.resolve("reflector.log"), "SIP responder on udp", Duration.ofSeconds(20));
        lab.script("mtu", "1400");
        lab.script("drop-fragments", "site");
        JsonNode first = fragmentation();
        assertThat(first.path("evidence").asText()).as(first.toString())
                .contains("largest UDP SIP message that arrives: 4000 B (towards the site: 1200 B)").contains("fragments dropped towards the site");
        assertThat(first.path("status").asText()).isEqualTo("fail");
        assertThat(fragmentation().path("evidence").asText()).isEqualTo(first.path("evidence").asText());
    }
}
