package io.callready.agent.probe.dscp;

import java.util.Locale;

/**
 * Where a mark changed, told by the same class measured to a STAMP reflector on the site's router: upstream, a
 * change the router already sees happened on the LAN (the switch, the Wi-Fi, the phone or PC itself); one only the
 * far reflector sees happened at the router's WAN egress or beyond. Downstream, the router's reply only crosses the
 * LAN, so a change it shows is the LAN's; one only the far reply shows happened before the LAN (the ISP or the
 * router's ingress).
 */
public enum ChangeLocation {
    NONE, LAN, BEYOND_ROUTER,
    /** No router reflector to compare with. */
    UNKNOWN;

    static ChangeLocation of(MarkVerdict far, MarkVerdict router) {
        if (!far.changed()) {
            return NONE;
        }
        if (router == MarkVerdict.UNKNOWN) {
            return UNKNOWN;
        }
        return router.changed() ? LAN : BEYOND_ROUTER;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
