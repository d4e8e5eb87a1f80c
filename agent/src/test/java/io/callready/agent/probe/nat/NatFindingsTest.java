package io.callready.agent.probe.nat;

import io.callready.agent.probe.nat.NatVerdict.Filtering;
import io.callready.agent.probe.nat.NatVerdict.Mapping;
import io.callready.wire.result.ResultStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class NatFindingsTest {
    private static final DoubleNatVerdict NONE = new DoubleNatVerdict(DoubleNatVerdict.Kind.NONE_SEEN, "no private hop");
    private static NatVerdict verdict(Mapping m, boolean preserved, String publicIp, boolean rewritten) {
        return new NatVerdict(m, Filtering.ADDRESS_AND_PORT_DEPENDENT, Optional.of(preserved), Optional.of(false),
                Optional.of(new InetSocketAddress(publicIp, 40000)), rewritten);
    }

    @Test
    void aPlainHomeRouterIsFine() {
        NatFindings f = NatFindings.of(verdict(Mapping.ENDPOINT_INDEPENDENT, true, "203.0.113.2", false), NONE, true, false);
        assertThat(f.status()).isEqualTo(ResultStatus.OK);
        assertThat(f.reason()).isEqualTo("endpoint-independent mapping, address-and-port-dependent filtering, port preserved, "
                + "no hairpinning; public address 203.0.113.2");
        assertThat(f.labels()).containsEntry("nat_mapping", "endpoint_independent").containsEntry("public_address_class", "public")
                .containsEntry("port_preserved", "true").containsEntry("hairpinning", "false").containsEntry("mapped_address_rewritten", "false");
    }

    @Test
    void symmetricNatRewritesAndLostPortsAreEachNamedWithTheirFix() {
        NatFindings f = NatFindings.of(verdict(Mapping.ADDRESS_AND_PORT_DEPENDENT, false, "203.0.113.2", true), NONE, true, true);
        assertThat(f.status()).isEqualTo(ResultStatus.DEGRADED);
        assertThat(f.reason()).contains("symmetric NAT").contains("one-way audio").contains("turn off SIP ALG").contains("3CX");
    }

    @Test
    void aLostPortIsOnlyAFindingWhenAFixedPortWasAskedFor() {
        assertThat(NatFindings.of(verdict(Mapping.ENDPOINT_INDEPENDENT, false, "203.0.113.2", false), NONE, true, false).status())
                .isEqualTo(ResultStatus.OK);
    }

    @Test
    void aServerWithoutAlternateAddressSaysWhatWasNotTested() {
        NatVerdict v = new NatVerdict(Mapping.UNKNOWN, Filtering.UNKNOWN, Optional.of(true), Optional.empty(),
                Optional.of(new InetSocketAddress("203.0.113.2", 40000)), false);
        assertThat(NatFindings.of(v, NONE, false, false).reason()).contains("no OTHER-ADDRESS").contains("not tested");
    }

    @ParameterizedTest
    @CsvSource({"10.1.2.3, PRIVATE", "172.16.0.1, PRIVATE", "172.32.0.1, PUBLIC", "192.168.1.1, PRIVATE", "100.64.0.1, SHARED_CGNAT",
            "100.127.255.254, SHARED_CGNAT", "100.128.0.1, PUBLIC", "203.0.113.2, PUBLIC", "127.0.0.1, LOOPBACK", "169.254.1.1, LINK_LOCAL",
            "fd00::1, PRIVATE", "fe80::1, LINK_LOCAL", "2001:db8::1, PUBLIC"})
    void addressClasses(String ip, AddressClass expected) throws Exception {
        assertThat(AddressClass.of(InetAddress.getByName(ip))).isEqualTo(expected);
    }

    @Test
    void aCarrierGradeNatIsAProblemWithItsFix() throws Exception {
        NatVerdict v = verdict(Mapping.ENDPOINT_INDEPENDENT, true, "203.0.113.2", false);
        DoubleNatVerdict cgnat = DoubleNatVerdict.of(v.publicAddress().map(InetSocketAddress::getAddress), Optional.empty(),
                List.of(hop("192.168.1.1"), hop("100.64.0.1"), hop("203.0.113.10")));
        NatFindings f = NatFindings.of(v, cgnat, true, false);
        assertThat(f.status()).isEqualTo(ResultStatus.DEGRADED);
        assertThat(f.labels()).containsEntry("double_nat", "cgnat_likely");
        assertThat(f.reason()).contains("carrier-grade NAT: hop 2 is 100.64.0.1").contains("ask the ISP for a public IPv4 address");
    }

    private static Optional<InetAddress> hop(String ip) throws Exception {
        return Optional.of(InetAddress.getByName(ip));
    }

    @Test
    void doubleNatSignalsStrongestFirst() throws Exception {
        Optional<InetAddress> pub = hop("203.0.113.2");
        assertThat(DoubleNatVerdict.of(hop("100.64.3.4"), Optional.empty(), List.of()).kind()).isEqualTo(DoubleNatVerdict.Kind.CGNAT);
        assertThat(DoubleNatVerdict.of(hop("192.168.0.7"), Optional.empty(), List.of()).kind()).isEqualTo(DoubleNatVerdict.Kind.CGNAT);
        assertThat(DoubleNatVerdict.of(pub, Optional.empty(), List.of(hop("192.168.1.1"), hop("203.0.113.10"))).kind())
                .isEqualTo(DoubleNatVerdict.Kind.NONE_SEEN);
        assertThat(DoubleNatVerdict.of(pub, Optional.empty(), List.of(hop("192.168.1.1"), Optional.empty(), hop("10.0.0.1"), hop("203.0.113.10"))).kind())
                .isEqualTo(DoubleNatVerdict.Kind.DOUBLE_NAT_POSSIBLE);
        assertThat(DoubleNatVerdict.of(pub, Optional.empty(), List.of(hop("192.168.1.1"), hop("203.0.113.1"), hop("10.0.0.1"))).kind())
                .as("private hops beyond the first public one are the ISP's business").isEqualTo(DoubleNatVerdict.Kind.NONE_SEEN);
        assertThat(DoubleNatVerdict.of(pub, Optional.empty(), List.of(hop("192.168.1.1"), hop("10.0.0.1"))).fix()).contains("put the ISP's router in bridge mode so only one router does NAT");
        assertThat(DoubleNatVerdict.of(pub, Optional.empty(), List.of(hop("192.168.1.1"), Optional.empty(), hop("203.0.113.10"))).evidence())
                .endsWith("path: 192.168.1.1 * 203.0.113.10");
    }

    @Test
    void theRoutersOwnWanAddressIsTheStrongestSignal() throws Exception {
        Optional<InetAddress> pub = hop("203.0.113.2");
        InetAddress gw = InetAddress.getByName("192.168.1.1");
        List<Optional<InetAddress>> hops = List.of(hop("192.168.1.1"), hop("10.0.0.1"), hop("203.0.113.10"));
        RouterWanAddress same = new RouterWanAddress(gw, 0, pub);
        assertThat(DoubleNatVerdict.of(pub, Optional.of(same), hops).kind()).as("the WAN address settles a private-hop hint")
                .isEqualTo(DoubleNatVerdict.Kind.NONE_SEEN);
        RouterWanAddress behind = new RouterWanAddress(gw, 0, hop("192.168.100.2"));
        DoubleNatVerdict two = DoubleNatVerdict.of(pub, Optional.of(behind), hops);
        assertThat(two.kind()).isEqualTo(DoubleNatVerdict.Kind.DOUBLE_NAT);
        assertThat(two.evidence()).contains("WAN address is 192.168.100.2, but the internet sees 203.0.113.2");
        assertThat(DoubleNatVerdict.of(pub, Optional.of(new RouterWanAddress(gw, 0, hop("100.64.0.2"))), hops).kind())
                .isEqualTo(DoubleNatVerdict.Kind.CGNAT);
        RouterWanAddress refused = new RouterWanAddress(gw, RouterWanAddress.NETWORK_FAILURE, Optional.empty());
        DoubleNatVerdict noted = DoubleNatVerdict.of(pub, Optional.of(refused), List.of(hop("192.168.1.1"), hop("203.0.113.10")));
        assertThat(noted.kind()).as("\"network failure\" also means no lease yet: noted, not concluded").isEqualTo(DoubleNatVerdict.Kind.NONE_SEEN);
        assertThat(noted.evidence()).contains("answers NAT-PMP with \"network failure\"");
        assertThat(DoubleNatVerdict.of(pub, Optional.of(refused), List.of(hop("192.168.1.1"), hop("100.64.0.1"))).kind())
                .isEqualTo(DoubleNatVerdict.Kind.CGNAT_LIKELY);
    }

    @Test
    void natPmpAnswersAndTheDefaultRouteAreParsed() throws Exception {
        InetAddress gw = InetAddress.getByName("192.168.1.1");
        // RFC 6886 §3.2: version 0, opcode 128, result 0, epoch 14323 s, external 203.0.113.2
        byte[] ok = {0, (byte) 128, 0, 0, 0, 0, 0x37, (byte) 0xf3, (byte) 203, 0, 113, 2};
        assertThat(RouterWanAddress.parse(gw, ok, ok.length)).contains(new RouterWanAddress(gw, 0, hop("203.0.113.2")));
        byte[] failure = {0, (byte) 128, 0, 3, 0, 0, 0x37, (byte) 0xf5, 0, 0, 0, 0};
        assertThat(RouterWanAddress.parse(gw, failure, failure.length)).contains(new RouterWanAddress(gw, 3, Optional.empty()));
        assertThat(RouterWanAddress.parse(gw, new byte[]{0, 0, 0, 0, 0, 0, 0, 0}, 8)).as("a request is no answer").isEmpty();
        assertThat(RouterWanAddress.parse(gw, ok, 6)).isEmpty();
        String route = """
                Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
                eth0\t0001A8C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
                eth0\t00000000\t0101A8C0\t0003\t0\t0\t0\t00000000\t0\t0\t0
                """;
        assertThat(RouterWanAddress.defaultGateway(route)).contains(gw);
        assertThat(RouterWanAddress.defaultGateway(route.lines().limit(2).reduce("", (a, b) -> a + b + "\n"))).isEmpty();
    }
}
