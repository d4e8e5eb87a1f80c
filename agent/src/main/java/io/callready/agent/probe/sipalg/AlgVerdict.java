package io.callready.agent.probe.sipalg;

import java.util.Locale;

/** What the three legs (UDP standard port, UDP alternate port, TCP standard port) add up to. */
public enum AlgVerdict {
    NO_ALG, ALG_5060_ONLY, ALG_ALL_PORTS, INDETERMINATE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
