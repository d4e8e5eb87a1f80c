package io.callready.wire.stamp;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class NtpTimestampTest {

    @Test
    void unixEpochIsNtpSecond2208988800() {
        assertThat(NtpTimestamp.ofEpochNanos(0)).isEqualTo(new NtpTimestamp(0x83AA7E80L, 0));
    }

    @Test
    void halfSecondIsTopBitOfTheFraction() {
        long nanos = 1_704_067_200L * 1_000_000_000L + 500_000_000L;
        NtpTimestamp ts = NtpTimestamp.ofEpochNanos(nanos);
        assertThat(ts).isEqualTo(new NtpTimestamp(0xE93C7F00L, 0x8000_0000L));
        ByteBuffer out = ByteBuffer.allocate(8);
        ts.write(out);
        assertThat(HexFormat.of().formatHex(out.array())).isEqualTo("e93c7f0080000000");
    }

    @Test
    void roundTripKeepsNanoseconds() {
        for (long nanos : new long[]{1_704_067_200_123_456_789L, 1_704_067_200_999_999_999L, 1L, 999_999_999L}) {
            assertThat(NtpTimestamp.ofEpochNanos(nanos).toEpochNanos()).isEqualTo(nanos);
        }
    }

    @Test
    void fractionThatRoundsUpCarriesIntoSeconds() {
        NtpTimestamp ts = NtpTimestamp.ofEpochNanos(999_999_999_9L / 10);
        assertThat(ts.toEpochNanos()).isEqualTo(999_999_999L);
    }
}
