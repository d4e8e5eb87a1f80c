package io.callready.advice;

import java.time.ZoneId;
import java.util.Objects;

/**
 * What the advisor knows about a site besides its measurements.
 *
 * @param zone         the site's IANA time zone; busy hours are in its local clock
 * @param lineUpBps    the ISP's contracted upstream rate (bits/s), null when unknown
 * @param lineDownBps  the ISP's contracted downstream rate (bits/s), null when unknown
 * @param portSpeedBps the WAN port's speed (bits/s), null when unknown; only a fallback for utilisation
 * @param codec        wire name of the site's codec ({@code pcmu}, {@code g729}, ...)
 * @param ptimeMs      packetisation time of the site's calls
 * @param peakCalls    peak concurrent calls, null when unknown (sizing then gives the per-call rate only)
 * @param rtpDscp      DSCP the provider profile wants on RTP (46 = EF)
 * @param sipDscp      DSCP the provider profile wants on SIP (34 AF41, 26 AF31, 24 CS3)
 * @param profile      provider profile name, may be null
 */
public record SiteFacts(
        ZoneId zone,
        Double lineUpBps,
        Double lineDownBps,
        Double portSpeedBps,
        String codec,
        int ptimeMs,
        Integer peakCalls,
        int rtpDscp,
        int sipDscp,
        String profile) {

    public SiteFacts {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(codec, "codec");
    }

    /** Line rate of a direction, null when the contract is unknown. */
    public Double lineBps(Direction direction) {
        return direction == Direction.UP ? lineUpBps : lineDownBps;
    }
}
