package io.callready.collector.notify.ssrf;

import io.callready.collector.support.TestDns;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every address form the guard meets after resolution, as a DNS answer carries it ({@link TestDns#record}: an
 * IPv4-mapped AAAA record stays IPv6): refused ones with the words of their reason, allowed ones with "allowed".
 */
class AddressPolicyTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1                          | a loopback address
            10.1.2.3                           | a private address (RFC 1918)
            169.254.169.254                    | a link-local address
            100.64.0.1                         | a carrier-grade NAT address
            0.0.0.0                            | an unspecified address
            224.0.0.1                          | a multicast address
            240.0.0.1                          | a reserved address
            192.88.99.1                        | a reserved address
            198.51.100.7                       | a documentation address
            203.0.113.7                        | a documentation address
            93.184.216.34                      | allowed
            ::ffff:127.0.0.1                   | an IPv4-mapped IPv6 address of 127.0.0.1, a loopback address
            ::ffff:10.0.0.5                    | an IPv4-mapped IPv6 address of 10.0.0.5, a private address
            ::ffff:169.254.169.254             | an IPv4-mapped IPv6 address of 169.254.169.254, a link-local address
            ::ffff:93.184.216.34               | allowed
            ::ffff:0:7f00:1                    | an IPv4-translated IPv6 address (::ffff:0:0:0/96) of 127.0.0.1, a loopback address
            ::ffff:0:5db8:d822                 | allowed
            ::7f00:1                           | an IPv4-compatible IPv6 address
            ::5db8:d822                        | an IPv4-compatible IPv6 address
            64:ff9b::7f00:1                    | a NAT64 address (64:ff9b::/96) of 127.0.0.1, a loopback address
            64:ff9b::a9fe:a9fe                 | a NAT64 address (64:ff9b::/96) of 169.254.169.254, a link-local address
            64:ff9b::c0a8:101                  | a NAT64 address (64:ff9b::/96) of 192.168.1.1, a private address
            64:ff9b::5db8:d822                 | allowed
            64:ff9b:1::5db8:d822               | a local-use NAT64 address (64:ff9b:1::/48)
            64:ff9b:1:a00::1                   | a local-use NAT64 address (64:ff9b:1::/48)
            2002:7f00:1::1                     | a 6to4 address (2002::/16) of 127.0.0.1, a loopback address
            2002:a00:1::1                      | a 6to4 address (2002::/16) of 10.0.0.1, a private address
            2002:5db8:d822::1                  | allowed
            2001:0:4136:e378:8000:63bf:80ff:fffe | a Teredo address (2001::/32) for client 127.0.0.1, a loopback address
            2001:0:4136:e378:8000:63bf:f5ff:fffa | a Teredo address (2001::/32) for client 10.0.0.5, a private address
            2001:0:a00:1:8000:63bf:a247:27dd   | a Teredo address (2001::/32) via server 10.0.0.1, a private address
            2001:0:4136:e378:8000:63bf:a247:27dd | an IETF protocol assignment
            2606:2800:220:1:0:5efe:a00:1       | an ISATAP address (interface id 5efe) of 10.0.0.1, a private address
            2606:2800:220:1:200:5efe:7f00:1    | an ISATAP address (interface id 5efe) of 127.0.0.1, a loopback address
            ::                                 | an unspecified address
            ::1                                | a loopback address
            fe80::1                            | a link-local address
            febf::1                            | a link-local address
            fec0::1                            | a site-local address (fec0::/10)
            fc00::1                            | a private address (unique local fc00::/7)
            fd12:3456::1                       | a private address (unique local fc00::/7)
            ff02::1                            | a multicast address
            ff0e::1                            | a multicast address
            2001:db8::1                        | a documentation address
            3fff::1                            | a documentation address
            2001:2::1                          | an IETF protocol assignment
            2001:20::1                         | an IETF protocol assignment
            100::1                             | a reserved address (outside global unicast 2000::/3)
            4000::1                            | a reserved address (outside global unicast 2000::/3)
            2606:2800:220:1:248:1893:25c8:1946 | allowed
            2600:1f18:a1e:1200::1              | allowed
            2a00:1450:4001:80b::200e           | allowed
            """)
    void everyFormIsJudgedByWhereItLeads(String literal, String expected) {
        InetAddress address = TestDns.record(literal);
        Optional<String> refusal = AddressPolicy.refusal(address);
        if (expected.equals("allowed")) {
            assertThat(refusal).as(literal).isEmpty();
        } else {
            assertThat(refusal).as(literal).hasValueSatisfying(reason -> assertThat(reason).startsWith(expected));
        }
    }
}
