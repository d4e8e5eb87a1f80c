package io.callready.agent.probe.sipalg;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How to turn SIP ALG off, one template per router vendor under {@code sipalg/alg-off/} (a new vendor = one template,
 * its name here, and a row in {@code RemediationTest}); the port workaround; and NAT advice, which is a different
 * setting from the ALG and belongs apart from it.
 */
public final class Remediation {
    private Remediation() {
    }

    /** Template names, in the order they are printed: the vendors providers' guides name first. */
    static final List<String> VENDOR_TEMPLATES = List.of("cisco-asa", "cisco-ios", "fortigate", "sonicwall", "mikrotik",
            "juniper-srx", "ubiquiti-edgerouter", "ubiquiti-unifi", "draytek", "zyxel", "linux-conntrack", "sophos-xg", "pfsense");

    public static final List<String> VENDORS = VENDOR_TEMPLATES.stream().map(Remediation::template).toList();

    /** When the reflector saw another source port than the one we sent from: the NAT rewrites ports. */
    public static final List<String> NAT_PORT_REWRITE = List.of(
            "the router's NAT changes the source port of SIP and RTP; most providers cope (rport, keepalives), but if calls"
                    + " lose audio or registrations after a while, map the phone system's ports one to one",
            "pfSense/OPNsense: Firewall > NAT > Outbound, hybrid mode, a rule for the phone system's address with 'Static Port' ticked");

    static String template(String name) {
        String path = "/sipalg/alg-off/" + name + ".txt";
        try (InputStream in = Remediation.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing vendor template " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The workaround offered when the ALG stays on, built only from what was observed.
     *
     * @param untouched labels (e.g. {@code udp/5160}) of the legs that answered and arrived exactly as sent
     */
    public static String portWorkaround(List<String> untouched) {
        String tls = "SIP over TLS, which a router cannot read and so cannot rewrite (TLS was not tested here)";
        if (untouched.isEmpty()) {
            return "every transport and port tested was rewritten or not answered, so no plain-SIP port avoids this ALG:"
                    + " turn it off, or register phones/PBX with " + tls;
        }
        return "if the ALG cannot be turned off, register phones/PBX to the provider on " + String.join(" or ", untouched)
                + " where the provider accepts it (those arrived untouched here), or with " + tls;
    }
}
