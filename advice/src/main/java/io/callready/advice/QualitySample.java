package io.callready.advice;

import java.time.Instant;

/**
 * One {@code rtp_burst} result with the WAN utilisation read right before and after its own burst.
 * Null = not measured (a burst without burst-aligned counters has null utilisation).
 */
public record QualitySample(
        Instant at,
        String target,
        Double upUtilisationPct,
        Double downUtilisationPct,
        String lineRateSource,
        Double lossUpRatio,
        Double lossDownRatio,
        Double jitterUpMs,
        Double jitterDownMs,
        Double lateDiscardsUpCount,
        Double lateDiscardsDownCount,
        Double packetsSentCount,
        Double rttMs,
        Double mos,
        Double mosUp,
        Double mosDown) {

    public Double utilisationPct(Direction direction) {
        return direction == Direction.UP ? upUtilisationPct : downUtilisationPct;
    }

    /** The higher of the two utilisations (MOS is judged against the worse direction), null when neither is known. */
    public Double worseUtilisationPct() {
        if (upUtilisationPct == null) {
            return downUtilisationPct;
        }
        return downUtilisationPct == null ? upUtilisationPct : Math.max(upUtilisationPct, downUtilisationPct);
    }

    public Double lossRatio(Direction direction) {
        return direction == Direction.UP ? lossUpRatio : lossDownRatio;
    }

    public Double jitterMs(Direction direction) {
        return direction == Direction.UP ? jitterUpMs : jitterDownMs;
    }

    /** Late discards as a share of the packets sent, null when either is unknown or nothing was sent. */
    public Double lateDiscardRatio(Direction direction) {
        Double late = direction == Direction.UP ? lateDiscardsUpCount : lateDiscardsDownCount;
        if (late == null || packetsSentCount == null || packetsSentCount <= 0) {
            return null;
        }
        return late / packetsSentCount;
    }

    /** The direction's MOS, else the overall MOS. */
    public Double mos(Direction direction) {
        Double own = direction == Direction.UP ? mosUp : mosDown;
        return own != null ? own : mos;
    }
}
