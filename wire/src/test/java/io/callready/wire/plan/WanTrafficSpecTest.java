package io.callready.wire.plan;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callready.wire.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code wan_traffic} plan entry: parsed from JSON as the collector and agent read plans, defaults, and refusals. */
class WanTrafficSpecTest {
    private final ObjectMapper mapper = Json.newMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(WanTrafficSpecTest.class.getResource("/plan/wan_traffic/" + name).toURI());
    }

    @Test
    void anSnmpV3EntryParsesWithEveryField() throws Exception {
        ProbePlan plan = mapper.readValue(resource("snmp-v3.json").toFile(), ProbePlan.class);
        WanTrafficSpec spec = (WanTrafficSpec) plan.probes().getFirst();
        assertThat(spec.name()).isEqualTo("wan");
        assertThat(spec.interval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(spec.source()).isEqualTo(TrafficSource.SNMP);
        assertThat(spec.host()).isEqualTo("192.0.2.1");
        assertThat(spec.port()).isEqualTo(161);
        assertThat(spec.version()).isEqualTo(SnmpVersion.V3);
        assertThat(spec.credentials()).isEqualTo("router");
        assertThat(spec.ifName()).isEqualTo("pppoe-wan");
        assertThat(spec.interfaceSelector()).isEqualTo("ifName=pppoe-wan");
        assertThat(spec.lineRate()).isEqualTo(new LineRate(20_000_000L, 100_000_000L));
    }

    @Test
    void aLocalEntryTakesItsDefaults() throws Exception {
        WanTrafficSpec spec = (WanTrafficSpec) mapper.readValue(resource("local.json").toFile(), ProbePlan.class).probes().getFirst();
        assertThat(spec.interval()).isEqualTo(WanTrafficSpec.DEFAULT_INTERVAL).isEqualTo(Duration.ofSeconds(60));
        assertThat(spec.name()).isEqualTo("wan-eth0");
        assertThat(spec.iface()).isEqualTo("eth0");
        assertThat(spec.lineRate()).isNull();
        assertThat(spec.port()).isNull();
        assertThat(spec.interfaceSelector()).isNull();
    }

    @Test
    void snmpDefaultsArePort161AndV2c() {
        WanTrafficSpec spec = new WanTrafficSpec(null, null, TrafficSource.SNMP, "router.lan", null, null, "lan-ro", null, null, null, 4,
                null, null);
        assertThat(spec.port()).isEqualTo(161);
        assertThat(spec.version()).isEqualTo(SnmpVersion.V2C);
        assertThat(spec.name()).isEqualTo("wan-router.lan-ifIndex=4");
    }

    @Test
    void aPlanSurvivesTheRoundTripAndWritesTheContractKeys() throws Exception {
        ProbePlan plan = mapper.readValue(resource("snmp-v3.json").toFile(), ProbePlan.class);
        String json = mapper.writeValueAsString(plan);
        assertThat(mapper.readValue(json, ProbePlan.class)).isEqualTo(plan);
        assertThat(json).contains("\"kind\":\"wan_traffic\"", "\"source\":\"snmp\"", "\"version\":\"v3\"", "\"ifName\":\"pppoe-wan\"",
                "\"lineRate\":{\"upBps\":20000000,\"downBps\":100000000}", "\"interval\":\"1m\"").doesNotContain("null");
        ProbePlan local = new ProbePlan(List.of(WanTrafficSpec.local("lo", Duration.ofSeconds(5), "lo", null)));
        String localJson = mapper.writeValueAsString(local);
        assertThat(localJson).contains("\"interface\":\"lo\"").doesNotContain("iface");
        assertThat(mapper.readValue(localJson, ProbePlan.class)).isEqualTo(local);
    }

    static Stream<String> badEntries() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(resource("bad"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("badEntries")
    void everyBadEntryIsRefusedNamingItsKey(String file) throws Exception {
        String json = Files.readString(resource("bad/" + file), StandardCharsets.UTF_8);
        String expected = Files.readString(resource("bad/" + file.replace(".json", ".expected")), StandardCharsets.UTF_8).strip();
        assertThatThrownBy(() -> mapper.readValue(json, ProbeSpec.class)).hasMessageContaining(expected);
    }

    @Test
    void theCorpusCoversEveryRefusal() throws Exception {
        assertThat(badEntries().count()).isGreaterThanOrEqualTo(21);
    }

    @Test
    void anHourIsTheLongestSample() {
        assertThat(WanTrafficSpec.local(null, Duration.ofHours(1), "eth0", null).interval()).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> WanTrafficSpec.local(null, Duration.ofHours(1).plusSeconds(1), "eth0", null))
                .hasMessage("interval must be at most 1h for wan_traffic (a longer sample hides the busy hour), got 3601s");
        assertThat(WanTrafficSpec.local(null, Duration.ofSeconds(1), "eth0", null).interval()).isEqualTo(Duration.ofSeconds(1));
    }
}
