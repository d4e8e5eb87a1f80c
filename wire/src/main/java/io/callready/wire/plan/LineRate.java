package io.callready.wire.plan;

/**
 * The ISP's contracted rates of a site's internet line, in bit/s. A WAN port's ifSpeed is usually its PHY rate
 * (1 Gbit/s), so utilisation against it says little: the plan is the one source of truth for the line rate.
 *
 * @param upBps   site → internet
 * @param downBps internet → site
 */
public record LineRate(Long upBps, Long downBps) {
    /** 1 Tbit/s: no access line is faster, and it keeps every rate inside the {@code _bps} metric range. */
    public static final long MAX_BPS = 1_000_000_000_000L;

    public LineRate {
        check("lineRate.upBps", upBps);
        check("lineRate.downBps", downBps);
    }

    private static void check(String key, Long bps) {
        if (bps == null) {
            throw new IllegalArgumentException(key + " is required (bit/s, e.g. 20000000 for 20 Mbit/s)");
        }
        if (bps < 1 || bps > MAX_BPS) {
            throw new IllegalArgumentException(key + " must be between 1 and " + MAX_BPS + " bit/s, got " + bps);
        }
    }
}
