package io.callready.agent.probe.lifetime;

import java.util.Locale;

/** The two kinds of mapping a phone has, which NATs (Linux conntrack among them) time differently. */
public enum MappingKind {
    /** Has seen answers, and traffic more than 2 s apart: a registration (conntrack: nf_conntrack_udp_timeout_stream). */
    TWO_WAY,
    /** Has seen one outbound packet and no answer: RTP on hold, a receive-only stream (conntrack: nf_conntrack_udp_timeout). */
    ONE_WAY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
