package io.callready.agent.probe.sipalg;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One row per vendor template: the vendor is named and the setting or command that turns the ALG off is there. */
class RemediationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            cisco-asa           | Cisco ASA:            | no inspect sip
            cisco-ios           | Cisco IOS / IOS-XE    | no ip nat service sip udp port 5060
            cisco-ios           | Cisco IOS / IOS-XE    | no ip nat service sip tcp port 5060
            fortigate           | FortiGate:            | config system session-helper
            sonicwall           | SonicWall:            | Enable SIP Transformations
            mikrotik            | MikroTik:             | /ip firewall service-port disable sip
            juniper-srx         | Juniper SRX:          | set security alg sip disable
            ubiquiti-edgerouter | Ubiquiti EdgeRouter   | set system conntrack modules sip disable
            ubiquiti-unifi      | Ubiquiti UniFi        | SIP conntrack helper
            draytek             | DrayTek Vigor:        | NAT > ALG
            zyxel               | Zyxel                 | no alg sip
            linux-conntrack     | Linux, OpenWrt        | ct helper set
            linux-conntrack     | Linux, OpenWrt        | auto_helper
            sophos-xg           | Sophos XG:            | system system_modules sip unload
            pfsense             | pfSense:              | siproxd
            """)
    void eachVendorTemplateNamesItsVendorAndTheFix(String template, String vendor, String fix) {
        String text = Remediation.template(template);
        assertThat(text).startsWith(vendor.strip()).contains(fix.strip());
        assertThat(Remediation.VENDORS).contains(text);
    }

    @Test
    void natPortAdviceIsNotPartOfTurningTheAlgOff() {
        assertThat(Remediation.VENDORS).noneMatch(v -> v.contains("Static Port") || v.contains("static-port"));
        assertThat(Remediation.NAT_PORT_REWRITE).anyMatch(s -> s.startsWith("pfSense") && s.contains("Static Port"));
        assertThat(Remediation.VENDORS).hasSize(Remediation.VENDOR_TEMPLATES.size());
    }
}
