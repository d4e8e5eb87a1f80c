package io.callready.wire.clock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The real kernel's clock status through ntp_adjtime(2): readable without privilege on Linux. */
class KernelClockSyncIT {
    /** The kernel's maxerror ceiling (NTP_PHASE_LIMIT << 5, 16 s): what an undisciplined clock reports. */
    private static final long KERNEL_MAX_ERROR_MICROS = 16_000_000;

    @Test
    void readsTheKernelsStatus() {
        ClockSync s = KernelClockSync.INSTANCE.read();
        assertThat(s.known()).as("ntp_adjtime is readable on Linux").isTrue();
        if (s.synchronised()) {
            assertThat(s.maxErrorMicros()).isBetween(0L, KERNEL_MAX_ERROR_MICROS - 1);
        } else {
            assertThat(s).isEqualTo(ClockSync.unsynchronised());
        }
    }
}
