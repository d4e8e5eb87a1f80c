package io.callready.advice;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** Number formatting for evidence sentences: few significant digits, no trailing zeros, units spelled the same way. */
public final class Figures {
    private Figures() {
    }

    /** 0.0134 → "1.3 %". */
    public static String ratioAsPct(double ratio) {
        return number(ratio * 100) + " %";
    }

    /** 81.4 → "81 %"; for utilisation. */
    public static String pct(double pct) {
        return Math.round(pct) + " %";
    }

    public static String ms(double ms) {
        return number(ms) + " ms";
    }

    /** 1830000 → "1.83 Mbit/s". */
    public static String bps(double bps) {
        if (bps >= 1e9) {
            return number(bps / 1e9) + " Gbit/s";
        }
        if (bps >= 1e6) {
            return number(bps / 1e6) + " Mbit/s";
        }
        return number(bps / 1e3) + " kbit/s";
    }

    /** p-values: "0.032", "2.1e-9"; below 1e-15 "< 1e-15" (double precision ends there). */
    public static String probability(double p) {
        if (p < 1e-15) {
            return "< 1e-15";
        }
        if (p >= 0.001) {
            return number(p);
        }
        return String.format(Locale.ROOT, "%.1e", p).replace("e-0", "e-");
    }

    /** Three significant digits at most, plain notation, no trailing zeros: 0.12, 28.5, 184, 1830. */
    public static String number(double value) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(value);
        int digits = Math.max(3, d.precision() - d.scale());
        return d.round(new MathContext(digits, RoundingMode.HALF_EVEN)).stripTrailingZeros().toPlainString();
    }
}
