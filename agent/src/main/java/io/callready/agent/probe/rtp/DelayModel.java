package io.callready.agent.probe.rtp;

import io.callready.wire.clock.ClockSync;

import java.util.Arrays;
import java.util.Locale;

/**
 * Which network delay the E-model uses per direction. When both kernels say their clocks are synchronised, the
 * one-way delays are the medians of T2 − T1 (up) and T4 − T3 (down) over the timed replies, each within
 * ± (agent max error + reflector max error); otherwise each direction gets RTT / 2 and {@link #reason} says why.
 *
 * @param oneWay  the delays are measured one-way delays, not RTT / 2
 * @param upMs    network delay up, ms (NaN for RTT / 2: the caller fills it in)
 * @param downMs  network delay down, ms (NaN for RTT / 2)
 * @param errorMs error bound of both, ms (NaN for RTT / 2)
 * @param reason  why RTT / 2 was used, or null
 */
record DelayModel(boolean oneWay, double upMs, double downMs, double errorMs, String reason) {
    private static final double NS_PER_MS = 1_000_000.0;
    private static final double US_PER_MS = 1_000.0;

    static DelayModel rttHalf(String reason) {
        return new DelayModel(false, Double.NaN, Double.NaN, Double.NaN, reason);
    }

    /** @param reflector the reflector's clock status from its stats reply, or null if no stats reply came */
    static DelayModel of(BurstLog log, ClockSync agent, ClockSync reflector) {
        if (reflector == null || !reflector.known()) {
            return rttHalf("the reflector did not say whether its clock is synchronised: RTT / 2 used for each direction's delay");
        }
        if (!agent.known()) {
            return rttHalf("this host's clock synchronisation status cannot be read: RTT / 2 used for each direction's delay");
        }
        if (!agent.synchronised() || !reflector.synchronised()) {
            String who = !agent.synchronised() && !reflector.synchronised() ? "neither clock is"
                    : !agent.synchronised() ? "this host's clock is not" : "the reflector's clock is not";
            return rttHalf(who + " synchronised: RTT / 2 used for each direction's delay");
        }
        double errorMs = (agent.maxErrorMicros() + reflector.maxErrorMicros()) / US_PER_MS;
        double[] up = new double[log.timedCount()];
        double[] down = new double[up.length];
        int n = 0;
        for (int k = 0; k < log.arrivals; k++) {
            int i = log.arrivalOrder[k];
            if (log.timed[i]) {
                up[n] = (log.reflectorReceiveNanos[i] - log.sentNanos.get(i)) / NS_PER_MS;
                down[n] = (log.replyNanos[i] - log.reflectorReceiveNanos[i] - log.holdNanos[i]) / NS_PER_MS;
                n++;
            }
        }
        double upMs = median(up);
        double downMs = median(down);
        if (upMs < -errorMs || downMs < -errorMs) {
            return rttHalf(String.format(Locale.ROOT, "both clocks say they are synchronised within %.3f ms, but the one-way "
                    + "delays (%.3f ms up, %.3f ms down) contradict that: RTT / 2 used for each direction's delay", errorMs, upMs, downMs));
        }
        return new DelayModel(true, Math.max(0, upMs), Math.max(0, downMs), errorMs, null);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
