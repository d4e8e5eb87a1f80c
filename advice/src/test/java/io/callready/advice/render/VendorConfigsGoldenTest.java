package io.callready.advice.render;

import io.callready.advice.AdviceSettings;
import io.callready.advice.Confidence;
import io.callready.advice.Direction;
import io.callready.advice.QosAssessment;
import io.callready.advice.SiteFacts;
import io.callready.advice.Verdict;
import io.callready.advice.busyhour.BusyHour;
import io.callready.advice.busyhour.DayType;
import io.callready.advice.sizing.Sizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every vendor template rendered with one fixed site and compared with its golden file. After a deliberate template
 * change, regenerate with {@code -Dadvice.golden.update=true} and review the diff.
 */
class VendorConfigsGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    static final SiteFacts FACTS = new SiteFacts(ZoneId.of("Europe/Berlin"), 2e6, 20e6, 1e9, "pcmu", 20, 4, 46, 34,
            "smartalex");
    static final QosAssessment ASSESSMENT = new QosAssessment(Verdict.CONGESTION_UPSTREAM, Confidence.HIGH,
            List.of("loss > 1 % in 9 of 11 bursts above 81 % upstream utilisation, 10:00–11:00 on weekdays; 0 of 140"
                    + " below 60 %", "knee at 81 % upstream utilisation"), List.of(),
            List.of(new BusyHour(Direction.UP, DayType.WEEKDAY, LocalTime.of(10, 0), LocalTime.of(11, 0), 1.9e6, 95.0,
                    10, 600)),
            List.of(), List.of(), Sizer.size(FACTS, AdviceSettings.defaults()), null, 151, 11, "contracted",
            Instant.parse("2026-11-17T06:00:00Z"), Instant.parse("2026-12-01T06:00:00Z"));

    private static String comment(Vendor v) {
        return v == Vendor.CISCO_IOS ? "! " : "# ";
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void rendersExactlyTheGoldenFile(Vendor vendor) throws IOException {
        String rendered = VendorConfigs.render(vendor, ASSESSMENT, FACTS);
        Path golden = GOLDEN.resolve(vendor.wireName() + ".txt");
        if (Boolean.getBoolean("advice.golden.update")) {
            Files.writeString(golden, rendered, StandardCharsets.UTF_8);
        }
        assertThat(rendered).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void citesTheEvidenceInTheVendorsCommentSyntaxWithTheSitesNumbers(Vendor vendor) {
        String rendered = VendorConfigs.render(vendor, ASSESSMENT, FACTS);
        for (String e : ASSESSMENT.evidence()) {
            assertThat(rendered).contains(comment(vendor) + e + "\n");
        }
        assertThat(rendered).contains(comment(vendor) + "CallReady verdict: congestion_upstream (confidence high)");
        assertThat(rendered).contains(comment(vendor) + "sizing: 4 calls × 87.2 kbit/s (pcmu, 20 ms, with Ethernet"
                + " headers) + 10 % = 384 kbit/s priority");
        assertThat(rendered).doesNotContain("{").doesNotContain("NOT_FOUND").doesNotContain(RenderModel.UNKNOWN_RATE);
        // every line is either a comment, a command or a numbered step: no evidence outside comments
        for (String line : rendered.split("\n")) {
            if (line.contains("bursts above")) {
                assertThat(line).startsWith(comment(vendor));
            }
        }
        String shaperUp = vendor == Vendor.UNIFI ? "1.8" : vendor == Vendor.CISCO_IOS ? "1800000" : "1800";
        assertThat(rendered).contains(shaperUp);
        if (vendor != Vendor.UNIFI && vendor != Vendor.LINUX_TC_CAKE && vendor != Vendor.OPENWRT_SQM) {
            assertThat(rendered).contains("384");
        }
    }

    @Test
    void linuxTcIsTheHtbAndU32FormWithTheWanDevice() {
        String tc = VendorConfigs.render(Vendor.LINUX_TC, ASSESSMENT, FACTS, Map.of(VendorConfigs.WAN_IF, "rtr-wan"));
        assertThat(tc).contains("tc qdisc replace dev rtr-wan root handle 1: htb default 20\n")
                .contains("tc class add dev rtr-wan parent 1: classid 1:1 htb rate 1800kbit ceil 1800kbit\n")
                .contains("classid 1:10 htb rate 384kbit ceil 1800kbit prio 0\n")
                .contains("tc qdisc add dev rtr-wan parent 1:10 handle 10: pfifo limit 50\n")
                .contains("tc qdisc add dev rtr-wan parent 1:20 handle 20: bfifo limit 22500\n")
                .contains("classid 1:20 htb rate 1384kbit ceil 1800kbit prio 2\n")
                .contains("u32 match ip dsfield 0xb8 0xfc flowid 1:10\n")
                .contains("u32 match ip dsfield 0x88 0xfc flowid 1:15\n");
    }

    @Test
    void unknownRatesRenderAPlaceholderThatCannotBeAppliedByAccident() {
        SiteFacts blind = new SiteFacts(ZoneId.of("UTC"), null, null, null, "g729", 20, null, 46, 26, null);
        QosAssessment a = new QosAssessment(Verdict.INSUFFICIENT_DATA, Confidence.LOW, List.of(), List.of(), List.of(),
                List.of(), List.of(), null, null, 0, 0, "unknown", Instant.EPOCH, Instant.EPOCH);
        String tc = VendorConfigs.render(Vendor.LINUX_TC, a, blind);
        assertThat(tc).contains("htb rate SET_LINE_RATEkbit")
                .contains("# sizing: 1 call (peak calls unknown) × 31.2 kbit/s (g729, 20 ms, with Ethernet headers)")
                .contains("u32 match ip dsfield 0x68 0xfc flowid 1:15");
    }

    @Test
    void parametersAreChecked() {
        assertThatThrownBy(() -> VendorConfigs.render(Vendor.LINUX_TC, ASSESSMENT, FACTS, Map.of("wan", "x")))
                .hasMessageContaining("unknown parameter 'wan'");
        assertThatThrownBy(() -> VendorConfigs.render(Vendor.LINUX_TC, ASSESSMENT, FACTS,
                Map.of(VendorConfigs.WAN_IF, "eth0; reboot"))).hasMessageStartingWith("wan_if:");
    }
}
