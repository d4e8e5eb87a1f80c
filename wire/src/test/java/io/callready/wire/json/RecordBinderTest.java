package io.callready.wire.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callready.wire.Json;
import io.callready.wire.plan.ProbePlan;
import io.callready.wire.plan.ProbeSpec;
import io.callready.wire.result.IngestReceipt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordBinderTest {
    private static final ObjectMapper DATABIND = Json.newMapper();

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(RecordBinderTest.class.getResource(name).toURI());
    }

    @Test
    void bindsAPlanOfEveryKindAsDatabindDoes() throws Exception {
        String json = Files.readString(resource("/json/every-kind-plan.json"));
        ProbePlan expected = DATABIND.readValue(json, ProbePlan.class);
        assertThat(expected.probes()).hasSize(12);
        assertThat(RecordBinder.bind(JsonTrees.read(json), ProbePlan.class)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"local.json", "snmp-v3.json"})
    void bindsTheWanTrafficPlans(String name) throws Exception {
        byte[] json = Files.readAllBytes(resource("/plan/wan_traffic/" + name));
        assertThat(RecordBinder.bind(JsonTrees.read(json), ProbePlan.class)).contains(DATABIND.readValue(json, ProbePlan.class));
    }

    static Stream<Path> badSpecs() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(resource("/plan/wan_traffic/bad"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    /** Every spec databind refuses, the binder leaves to databind, so the error stays databind's. */
    @ParameterizedTest
    @MethodSource("badSpecs")
    void leavesEveryRefusedSpecToDatabind(Path file) throws IOException {
        byte[] json = Files.readAllBytes(file);
        assertThatThrownBy(() -> DATABIND.readValue(json, ProbeSpec.class)).as("databind refuses %s", file.getFileName()).isNotNull();
        assertThat(RecordBinder.bind(JsonTrees.read(json), ProbeSpec.class)).isEmpty();
    }

    /** Shapes databind coerces or reads its own way: the binder does not guess, databind answers. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"kind\":\"rtp_burst\",\"name\":\"a\",\"reflector\":\"r:5004\",\"ptime_ms\":\"20\"}",
            "{\"kind\":\"rtp_burst\",\"name\":\"a\",\"reflector\":\"r:5004\",\"ptime_ms\":20.0}",
            "{\"kind\":\"rtp_burst\",\"name\":\"a\",\"reflector\":\"r:5004\",\"dscp\":true}",
            "{\"kind\":\"rtp_burst\",\"name\":7,\"reflector\":\"r:5004\"}",
            "{\"kind\":\"rtp_burst\",\"name\":\"a\",\"reflector\":\"r:5004\",\"interval\":300}",
            "{\"kind\":\"rtp_burst\",\"name\":\"a\",\"reflector\":\"r:5004\",\"codec\":\"PCMU\",\"extra\":1}",
            "{\"name\":\"a\",\"reflector\":\"r:5004\"}",
            "{\"kind\":\"no_such_probe\",\"name\":\"a\"}",
            "{\"kind\":\"rtp_burst\",\"name\":\"a\",\"reflector\":\"r:5004\",\"sourcePort\":4000}"})
    void leavesCoercionsAndUnknownsToDatabind(String json) throws IOException {
        assertThat(RecordBinder.bind(JsonTrees.read(json), ProbeSpec.class)).isEmpty();
    }

    @Test
    void bindsAReceiptIgnoringWhatItDoesNotKnow() throws IOException {
        String json = "{\"accepted\":2,\"duplicates\":1,\"rejected\":[{\"index\":3,\"id\":\"0f8c1c9e-3a5b-4c2d-9e1f-2a3b4c5d6e7f\","
                + "\"errors\":[{\"field\":\"results[3].metrics.mos\",\"message\":\"must be 1-4.5\"}],\"future\":true}],\"server\":\"x\"}";
        IngestReceipt expected = DATABIND.readValue(json, IngestReceipt.class);
        assertThat(RecordBinder.bind(JsonTrees.read(json), IngestReceipt.class)).contains(expected);
    }

    @Test
    void bindingLeavesTheTreeAsItWas() throws Exception {
        String json = Files.readString(resource("/json/every-kind-plan.json"));
        JsonNode tree = JsonTrees.read(json);
        JsonNode copy = tree.deepCopy();
        RecordBinder.bind(tree, ProbePlan.class);
        assertThat(tree).isEqualTo(copy);
        assertThat(((ObjectNode) tree.get("probes").get(0)).has("kind")).isTrue();
    }
}
