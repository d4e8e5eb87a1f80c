package io.callready.agent.probe.dscp;

import java.util.Locale;

/** What happened to one class's mark in one direction. */
public enum MarkVerdict {
    PRESERVED, REMARKED, BLEACHED,
    /** No reply, or the reflector could not say (a STAMP reflector without the Class of Service TLV). */
    UNKNOWN;

    /** @param seen the DSCP that arrived, or null when it is not known */
    public static MarkVerdict of(int sent, Integer seen) {
        if (seen == null) {
            return UNKNOWN;
        }
        if (seen == sent) {
            return PRESERVED;
        }
        return seen == 0 ? BLEACHED : REMARKED;
    }

    public boolean changed() {
        return this == REMARKED || this == BLEACHED;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** For people: "preserved", "re-marked to AF21 18", "bleached to 0", "unknown". */
    public String describe(Integer seen) {
        return switch (this) {
            case PRESERVED -> "preserved";
            case REMARKED -> "re-marked to " + DscpClass.label(seen);
            case BLEACHED -> "bleached to 0";
            case UNKNOWN -> "unknown";
        };
    }
}
