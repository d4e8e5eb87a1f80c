package io.callready.wire.clock;

/**
 * What a host's kernel says about its wall clock's synchronisation (NTP/chrony/PTP discipline): whether it is
 * synchronised, and the kernel's maximum error bound. One-way delay is only reported when both ends say they are
 * synchronised, with the sum of both bounds as its error.
 *
 * @param known          the status could be read at all
 * @param synchronised   the kernel's clock state is synchronised (not TIME_ERROR, STA_UNSYNC clear)
 * @param maxErrorMicros the kernel's maximum error (timex.maxerror), µs; meaningful only when synchronised
 */
public record ClockSync(boolean known, boolean synchronised, long maxErrorMicros) {
    public static final ClockSync UNKNOWN = new ClockSync(false, false, 0);

    public static ClockSync synchronisedWithin(long maxErrorMicros) {
        return new ClockSync(true, true, maxErrorMicros);
    }

    public static ClockSync unsynchronised() {
        return new ClockSync(true, false, 0);
    }

    /** Where a host's clock status comes from; the kernel's ({@link KernelClockSync}) in production. */
    @FunctionalInterface
    public interface Source {
        ClockSync read();
    }
}
