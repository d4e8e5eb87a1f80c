package io.callready.agent.groundtruth;

/**
 * What the relay does to one packet.
 *
 * @param drop             forward nothing
 * @param delayMs          hold the packet this long before forwarding it
 * @param duplicateDelayMs also forward a copy this long after arrival; NaN for no copy
 */
record Impairment(boolean drop, double delayMs, double duplicateDelayMs) {
    static Impairment pass(double delayMs) {
        return new Impairment(false, delayMs, Double.NaN);
    }

    static Impairment dropped() {
        return new Impairment(true, 0, Double.NaN);
    }

    static Impairment duplicated(double delayMs, double copyDelayMs) {
        return new Impairment(false, delayMs, copyDelayMs);
    }

    boolean duplicated() {
        return !drop && !Double.isNaN(duplicateDelayMs);
    }
}
