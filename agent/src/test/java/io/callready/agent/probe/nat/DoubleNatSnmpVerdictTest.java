package io.callready.agent.probe.nat;

import io.callready.agent.probe.traffic.WanAddresses;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The double-NAT verdict when the router's own WAN address comes over SNMP: the strongest signal after a private public address. */
class DoubleNatSnmpVerdictTest {
    private static final String ROUTER = "192.168.1.1 ifName=wan0 (ifIndex 3)";
    private static final List<Optional<InetAddress>> HOPS = List.of(ip("192.168.1.1"), ip("10.0.0.1"), ip("203.0.113.10"));

    private static Optional<InetAddress> ip(String a) {
        try {
            return Optional.of(InetAddress.getByName(a));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Optional<WanAddresses> snmp(String... addresses) {
        List<Inet4Address> list = Arrays.stream(addresses).map(a -> (Inet4Address) ip(a).orElseThrow()).toList();
        return Optional.of(new WanAddresses(ROUTER, list, null));
    }

    @ParameterizedTest(name = "public {0}, router WAN {1} -> {2}")
    @CsvSource({
            "203.0.113.2, 203.0.113.2, NONE_SEEN",
            "203.0.113.2, 192.168.1.1 203.0.113.2, NONE_SEEN",
            "203.0.113.2, 100.64.0.2, CGNAT",
            "203.0.113.2, 100.127.255.254, CGNAT",
            "203.0.113.2, 10.20.0.2, DOUBLE_NAT",
            "203.0.113.2, 172.16.5.1, DOUBLE_NAT",
            "203.0.113.2, 198.51.100.9, DOUBLE_NAT",
            "203.0.113.2, 198.51.100.9 100.64.1.1, CGNAT",
            "100.64.9.9, 100.64.9.9, CGNAT",
    })
    void theRoutersSnmpAddressAgainstTheOneTheInternetSees(String seen, String wan, DoubleNatVerdict.Kind expected) {
        DoubleNatVerdict v = DoubleNatVerdict.of(ip(seen), snmp(wan.split(" ")), Optional.empty(), HOPS);
        assertThat(v.kind()).isEqualTo(expected);
    }

    @Test
    void theEvidenceNamesTheAddressTheSourceAndTheRouter() {
        DoubleNatVerdict cgnat = DoubleNatVerdict.of(ip("203.0.113.2"), snmp("100.64.0.2"), Optional.empty(), HOPS);
        assertThat(cgnat.evidence()).startsWith("router WAN address 100.64.0.2 (snmp) on " + ROUTER + ", but the internet sees 203.0.113.2")
                .contains("carrier-grade NAT");
        assertThat(cgnat.fix()).contains("ask the ISP for a public IPv4 address (carrier-grade NAT breaks inbound calls and port forwarding)");
        DoubleNatVerdict same = DoubleNatVerdict.of(ip("203.0.113.2"), snmp("203.0.113.2"), Optional.empty(), HOPS);
        assertThat(same.evidence()).as("SNMP settles the private-hop hint")
                .startsWith("router WAN address 203.0.113.2 (snmp) on " + ROUTER + " is the address the internet sees: no NAT beyond the router");
        assertThat(same.fix()).isEmpty();
        DoubleNatVerdict two = DoubleNatVerdict.of(ip("203.0.113.2"), snmp("10.20.0.2"), Optional.empty(), HOPS);
        assertThat(two.evidence()).contains("router WAN address 10.20.0.2 (snmp)").contains("private, another NAT is upstream");
        assertThat(two.fix()).contains("put the ISP's router in bridge mode so only one router does NAT");
    }

    @Test
    void snmpOutranksNatPmp() {
        RouterWanAddress natPmpSaysCgnat = new RouterWanAddress(ip("192.168.1.1").orElseThrow(), 0, ip("100.64.0.2"));
        assertThat(DoubleNatVerdict.of(ip("203.0.113.2"), snmp("203.0.113.2"), Optional.of(natPmpSaysCgnat), HOPS).kind())
                .isEqualTo(DoubleNatVerdict.Kind.NONE_SEEN);
    }

    @Test
    void withoutAnSnmpAddressTheOtherSignalsDecideAndTheEvidenceSaysWhy() {
        Optional<WanAddresses> failed = Optional.of(new WanAddresses(ROUTER, List.of(), "no SNMP answer from 192.168.1.1:161 within 3000 ms"));
        RouterWanAddress natPmp = new RouterWanAddress(ip("192.168.1.1").orElseThrow(), 0, ip("100.64.0.2"));
        DoubleNatVerdict fallback = DoubleNatVerdict.of(ip("203.0.113.2"), failed, Optional.of(natPmp), HOPS);
        assertThat(fallback.kind()).as("NAT-PMP is the fallback").isEqualTo(DoubleNatVerdict.Kind.CGNAT);
        assertThat(fallback.evidence()).contains("over NAT-PMP").endsWith("; SNMP gave no WAN address (" + ROUTER
                + ": no SNMP answer from 192.168.1.1:161 within 3000 ms)");
        Optional<WanAddresses> none = Optional.of(new WanAddresses(ROUTER, List.of(), null));
        DoubleNatVerdict hops = DoubleNatVerdict.of(ip("203.0.113.2"), none, Optional.empty(), HOPS);
        assertThat(hops.kind()).isEqualTo(DoubleNatVerdict.Kind.DOUBLE_NAT_POSSIBLE);
        assertThat(hops.evidence()).endsWith("(" + ROUTER + ": no IPv4 address on that interface)");
        assertThat(DoubleNatVerdict.of(Optional.empty(), snmp("198.51.100.9"), Optional.empty(), List.of()).kind())
                .as("a public WAN address with nothing to compare it with concludes nothing").isEqualTo(DoubleNatVerdict.Kind.NONE_SEEN);
        assertThat(DoubleNatVerdict.of(Optional.empty(), snmp("100.64.0.2"), Optional.empty(), List.of()).kind())
                .isEqualTo(DoubleNatVerdict.Kind.CGNAT);
    }
}
