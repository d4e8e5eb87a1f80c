package io.callready.report;

import java.util.Locale;

/** State of one router/firewall item; the names match the agent's checklist statuses. */
public enum CheckState {
    PASS, WARN, FAIL, SKIPPED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the value when it is not pass, warn, fail or skipped */
    public static CheckState fromWireName(String text) {
        for (CheckState s : values()) {
            if (s.label().equalsIgnoreCase(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("status: expected pass, warn, fail or skipped, got '" + text + "'");
    }
}
