package io.callready.agent.probe.sipalg;

import io.callready.wire.plan.SipTransport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The verdict and advice table: every combination of untouched, rewritten and silent legs. */
class AlgConclusionTest {
    private static final Rewrite VIA = new Rewrite("Via", "a", "b", false);

    enum Seen { UNTOUCHED, REWRITTEN, SILENT }

    private static AlgLeg leg(SipTransport transport, int port, Seen seen) {
        return switch (seen) {
            case UNTOUCHED -> new AlgLeg(transport, port, true, null, "192.168.1.2:40000", "203.0.113.2:40000", List.of());
            case REWRITTEN -> new AlgLeg(transport, port, true, null, "192.168.1.2:40000", "203.0.113.2:40000", List.of(VIA));
            case SILENT -> new AlgLeg(transport, port, false, "timeout: no answer", "192.168.1.2:40000", null, List.of());
        };
    }

    private static List<AlgLeg> legs(Seen udp5060, Seen tcp5060, Seen udp5160, Seen tcp5160) {
        return List.of(leg(SipTransport.UDP, 5060, udp5060), leg(SipTransport.TCP, 5060, tcp5060),
                leg(SipTransport.UDP, 5160, udp5160), leg(SipTransport.TCP, 5160, tcp5160));
    }

    private static String workaround(AlgConclusion c) {
        return c.remediation().getLast();
    }

    @Test
    void tcpRewrittenAsWellAsUdpIsNeverOfferedAsTheWorkaround() {
        AlgConclusion c = AlgConclusion.of(legs(Seen.REWRITTEN, Seen.REWRITTEN, Seen.UNTOUCHED, Seen.UNTOUCHED), 5060);
        assertThat(c.verdict()).isEqualTo(AlgVerdict.ALG_5060_ONLY);
        assertThat(c.why()).contains("udp/5060: Via").contains("tcp/5060: Via").contains("untouched: udp/5160, tcp/5160");
        assertThat(workaround(c)).contains("udp/5160 or tcp/5160").doesNotContain("tcp/5060").doesNotContain("udp/5060")
                .doesNotContain("TCP/TLS, which this ALG leaves alone");
    }

    @Test
    void onlyUdp5060RewrittenOffersTheUntouchedLegsIncludingTcp5060() {
        AlgConclusion c = AlgConclusion.of(legs(Seen.REWRITTEN, Seen.UNTOUCHED, Seen.UNTOUCHED, Seen.SILENT), 5060);
        assertThat(c.verdict()).isEqualTo(AlgVerdict.ALG_5060_ONLY);
        assertThat(c.why()).contains("not answered, so not compared: tcp/5160");
        assertThat(workaround(c)).contains("tcp/5060 or udp/5160").doesNotContain("tcp/5160");
        assertThat(c.remediation()).anyMatch(s -> s.startsWith("MikroTik"));
    }

    @Test
    void everythingRewrittenLeavesOnlyTurningItOffOrTls() {
        AlgConclusion c = AlgConclusion.of(legs(Seen.REWRITTEN, Seen.REWRITTEN, Seen.REWRITTEN, Seen.REWRITTEN), 5060);
        assertThat(c.verdict()).isEqualTo(AlgVerdict.ALG_ALL_PORTS);
        assertThat(workaround(c)).startsWith("every transport and port tested was rewritten").contains("TLS")
                .doesNotContain("udp/").doesNotContain("tcp/");
    }

    @Test
    void cleanPathAndSilentPaths() {
        AlgConclusion clean = AlgConclusion.of(legs(Seen.UNTOUCHED, Seen.UNTOUCHED, Seen.UNTOUCHED, Seen.UNTOUCHED), 5060);
        assertThat(clean.verdict()).isEqualTo(AlgVerdict.NO_ALG);
        assertThat(clean.why()).contains("NAT seen");
        assertThat(clean.remediation()).isEmpty();
        AlgConclusion none = AlgConclusion.of(legs(Seen.SILENT, Seen.SILENT, Seen.SILENT, Seen.SILENT), 5060);
        assertThat(none.verdict()).isEqualTo(AlgVerdict.INDETERMINATE);
        assertThat(none.why()).contains("unreachable");
        assertThat(none.remediation()).isEmpty();
        AlgConclusion dropped = AlgConclusion.of(legs(Seen.SILENT, Seen.UNTOUCHED, Seen.UNTOUCHED, Seen.UNTOUCHED), 5060);
        assertThat(dropped.verdict()).isEqualTo(AlgVerdict.INDETERMINATE);
        assertThat(dropped.why()).contains("drops SIP on 5060");
    }

    @Test
    void everyCombinationOfThreePortsGetsAVerdictAndAdviceThatFollowFromTheLegs() {
        int[] ports = {5060, 5080, 5160};
        Seen[] values = Seen.values();
        int combinations = (int) Math.pow(3, 2 * ports.length);
        for (int n = 0; n < combinations; n++) {
            List<AlgLeg> legs = new ArrayList<>();
            int code = n;
            for (int port : ports) {
                for (SipTransport t : List.of(SipTransport.UDP, SipTransport.TCP)) {
                    legs.add(leg(t, port, values[code % 3]));
                    code /= 3;
                }
            }
            AlgConclusion c = AlgConclusion.of(legs, 5060);
            String all = legs.toString();
            assertThat(c.verdict()).as(all).isEqualTo(expectedVerdict(legs));
            if (c.remediation().isEmpty()) {
                assertThat(c.verdict()).as(all).isIn(AlgVerdict.NO_ALG, AlgVerdict.INDETERMINATE);
                continue;
            }
            String advice = workaround(c);
            for (AlgLeg leg : legs) {
                boolean offered = advice.contains(leg.label());
                assertThat(offered).as(all + " → " + advice + " offers " + leg.label())
                        .isEqualTo(leg.answered() && !leg.rewritten());
            }
            assertThat(advice).as(all).doesNotContain("leaves alone");
        }
    }

    /** The table, written out independently of the implementation. */
    private static AlgVerdict expectedVerdict(List<AlgLeg> legs) {
        boolean anyAnswer = legs.stream().anyMatch(AlgLeg::answered);
        boolean standard = legs.stream().anyMatch(l -> l.port() == 5060 && l.rewritten());
        boolean alternate = legs.stream().anyMatch(l -> l.port() != 5060 && l.rewritten());
        if (!anyAnswer) return AlgVerdict.INDETERMINATE;
        if (standard) return alternate ? AlgVerdict.ALG_ALL_PORTS : AlgVerdict.ALG_5060_ONLY;
        if (alternate) return AlgVerdict.INDETERMINATE;
        return legs.getFirst().answered() ? AlgVerdict.NO_ALG : AlgVerdict.INDETERMINATE;
    }

    @Test
    void natAdviceOnlyWhenTheSourcePortChangedAndNeverAmongTheAlgFixes() {
        AlgLeg samePort = new AlgLeg(SipTransport.UDP, 5060, true, null, "192.168.1.2:40000", "203.0.113.2:40000", List.of());
        AlgLeg otherPort = new AlgLeg(SipTransport.UDP, 5060, true, null, "192.168.1.2:40000", "203.0.113.2:61000", List.of(VIA));
        assertThat(AlgConclusion.natAdvice(List.of(samePort))).isEmpty();
        assertThat(AlgConclusion.natAdvice(List.of(otherPort))).anyMatch(s -> s.contains("Static Port"));
        assertThat(AlgConclusion.of(List.of(otherPort), 5060).remediation()).noneMatch(s -> s.contains("Static Port"));
    }
}
