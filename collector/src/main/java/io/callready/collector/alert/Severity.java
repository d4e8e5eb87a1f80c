package io.callready.collector.alert;

import java.util.Locale;

public enum Severity {
    WARNING, CRITICAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
