package io.callready.agent.probe.sipalg;

import java.util.List;

/** How to turn SIP ALG off on the routers the providers' guides name, and the port workaround. */
public final class Remediation {
    private Remediation() {
    }

    public static final List<String> VENDORS = List.of(
            "Cisco ASA: in the global policy's inspection class, 'no inspect sip'",
            "FortiGate: remove the SIP session helper (config system session-helper) and keep the VoIP profile from rewriting SIP",
            "SonicWall: VoIP settings, untick 'Enable SIP Transformations'",
            "MikroTik: /ip firewall service-port disable sip",
            "pfSense: check the NAT settings: a static-port outbound NAT rule for the phone system, no SIP proxy package",
            "Sophos XG: turn the SIP helper off (console: system system_modules sip unload)");

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
