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

    public static String portWorkaround(int alternatePort) {
        return "if the ALG cannot be turned off, register phones/PBX to the provider on UDP " + alternatePort
                + " or over TCP/TLS, which this ALG leaves alone (Flowroute's alternate-port workaround)";
    }
}
