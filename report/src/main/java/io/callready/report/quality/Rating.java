package io.callready.report.quality;

import java.util.Locale;

/** The seed's three bands, plus "not measured" when the window holds no sample. */
public enum Rating {
    GOOD, ACCEPTABLE, PROBLEMATIC, NOT_MEASURED;

    /** Also the CSS class. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    public String cssClass() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
