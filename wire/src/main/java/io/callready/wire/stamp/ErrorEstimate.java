package io.callready.wire.stamp;

/**
 * The 16-bit Error Estimate of OWAMP/TWAMP/STAMP timestamps (RFC 4656 §4.1.2, RFC 8186 for Z):
 * {@code S|Z|Scale(6)|Multiplier(8)}, error = Multiplier · 2^(Scale − 32) s.
 *
 * @param synced     S: the clock is synchronised to UTC by an external source
 * @param ptpFormat  Z: timestamps are PTP truncated format rather than NTP (RFC 8186); this codec only reads NTP
 * @param scale      0..63
 * @param multiplier 1..255; 0 is reserved as invalid
 */
public record ErrorEstimate(boolean synced, boolean ptpFormat, int scale, int multiplier) {
    /**
     * What an unsynchronised host states: S = 0 and an error of 2⁻¹⁰ s (about 1 ms), the resolution a
     * host clock without PTP can honestly claim for its own timestamps.
     */
    public static final ErrorEstimate UNSYNCED_MILLISECOND = new ErrorEstimate(false, false, 22, 1);

    public ErrorEstimate {
        if (scale < 0 || scale > 63) throw new IllegalArgumentException("scale " + scale);
        if (multiplier < 0 || multiplier > 255) throw new IllegalArgumentException("multiplier " + multiplier);
    }

    public static ErrorEstimate decode(int bits) {
        return new ErrorEstimate((bits & 0x8000) != 0, (bits & 0x4000) != 0, (bits >>> 8) & 0x3F, bits & 0xFF);
    }

    public int encode() {
        return (synced ? 0x8000 : 0) | (ptpFormat ? 0x4000 : 0) | scale << 8 | multiplier;
    }

    /** The stated error in seconds; NaN when the multiplier is the reserved 0. */
    public double errorSeconds() {
        return multiplier == 0 ? Double.NaN : multiplier * Math.pow(2, scale - 32);
    }
}
