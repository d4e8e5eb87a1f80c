package io.callready.advice.render;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Routers the QoS advice can be rendered for; each has one template under {@code io/callready/advice/render/}. */
public enum Vendor {
    CISCO_IOS("cisco-ios", "GigabitEthernet0/0"),
    FORTIGATE("fortigate", "wan1"),
    MIKROTIK("mikrotik", "ether1"),
    PFSENSE("pfsense", "WAN"),
    OPENWRT_SQM("openwrt-sqm", "wan"),
    UNIFI("unifi", "WAN"),
    /** htb root at the shaper rate, EF class (u32 dsfield match) with a pfifo leaf: what this lab kernel accepts. */
    LINUX_TC("linux-tc", "eth0"),
    /** cake diffserv4, for kernels that have it. */
    LINUX_TC_CAKE("linux-tc-cake", "eth0");

    private final String wireName;
    private final String defaultWanIf;

    Vendor(String wireName, String defaultWanIf) {
        this.wireName = wireName;
        this.defaultWanIf = defaultWanIf;
    }

    /** The WAN interface name the snippet uses unless {@code wan_if} is given: the vendor's usual first WAN port. */
    public String defaultWanIf() {
        return defaultWanIf;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Parses a wire name ({@code ?vendor=}); the message lists the valid names. */
    public static Vendor parse(String text) {
        if (text != null) {
            String wanted = text.trim().toLowerCase(Locale.ROOT);
            for (Vendor v : values()) {
                if (v.wireName.equals(wanted)) {
                    return v;
                }
            }
        }
        throw new IllegalArgumentException("unknown vendor '" + text + "', expected one of "
                + Arrays.stream(values()).map(Vendor::wireName).collect(Collectors.joining(", ")));
    }
}
