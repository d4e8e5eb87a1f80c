package io.callready.collector.ingest;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Compared with {@link Instant#parse}: the same instant for every text it reads, and it reads what agents write. */
class UtcInstantTextTest {
    @Test
    void readsWhatInstantToStringWritesAsInstantParseDoes() {
        Random rnd = new Random(15);
        for (int i = 0; i < 200_000; i++) {
            long seconds = rnd.nextLong(253_402_300_800L + 62_167_219_200L) - 62_167_219_200L;
            int nanos = switch (rnd.nextInt(4)) {
                case 0 -> 0;
                case 1 -> rnd.nextInt(1000) * 1_000_000;
                case 2 -> rnd.nextInt(1_000_000) * 1_000;
                default -> rnd.nextInt(1_000_000_000);
            };
            String text = Instant.ofEpochSecond(seconds, nanos).toString();
            assertThat(UtcInstantText.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void writesMicrosecondsThatReadBackAsTheInstantCut() {
        Random rnd = new Random(16);
        for (int i = 0; i < 200_000; i++) {
            long seconds = rnd.nextLong(253_402_300_800L + 62_167_219_200L) - 62_167_219_200L;
            Instant t = Instant.ofEpochSecond(seconds, rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(1_000_000_000));
            String text = UtcInstantText.micros(t);
            assertThat(text).as(t.toString()).hasSize(27).endsWith("Z");
            assertThat(Instant.parse(text)).as(text).isEqualTo(t.truncatedTo(ChronoUnit.MICROS));
        }
        assertThat(UtcInstantText.micros(Instant.parse("2026-12-01T17:05:09.123456789Z"))).isEqualTo("2026-12-01T17:05:09.123456Z");
        assertThat(UtcInstantText.micros(Instant.parse("1969-12-31T23:59:59.999999Z"))).isEqualTo("1969-12-31T23:59:59.999999Z");
        for (Instant outside : List.of(Instant.parse("-0001-12-31T23:59:59.5Z"), Instant.parse("+10000-01-01T00:00:00.0000015Z"),
                Instant.MIN, Instant.MAX)) {
            assertThat(UtcInstantText.micros(outside)).isEqualTo(outside.truncatedTo(ChronoUnit.MICROS).toString());
        }
    }

    @Test
    void leavesEveryOtherSpellingToInstantParse() {
        for (String text : List.of("2026-02-29T00:00:00Z", "2024-02-29T23:59:59.5Z", "2026-12-31T23:59:60Z", "2026-12-01T24:00:00Z",
                "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z", "2026-04-31T00:00:00Z", "2026-12-01T17:05:09.Z",
                "2026-12-01T17:05:09.1234567891Z", "2026-12-01t17:05:09Z", "2026-12-01T17:05:09+00:00", "+12026-12-01T17:05:09Z",
                "2026-12-01T17:05Z", "2026-1-01T17:05:09Z", "2026-12-01T17:05:09,5Z", "2026-12-01T17:05:٠٩Z", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00.000000001Z")) {
            Instant fast = UtcInstantText.parse(text);
            if (fast != null) {
                assertThat(fast).as(text).isEqualTo(Instant.parse(text));
            } else {
                assertThat(text).as("read by neither?").isNotIn("0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
                        "1970-01-01T00:00:00.000000001Z", "2024-02-29T23:59:59.5Z");
            }
        }
        assertThat(UtcInstantText.parse("2026-02-29T00:00:00Z")).isNull();
        assertThat(UtcInstantText.parse("2026-12-31T23:59:60Z")).isNull();
        try {
            Instant.parse("2026-02-29T00:00:00Z");
        } catch (DateTimeParseException expected) {
            // Instant.parse refuses it too: the batch goes to the binder, which names startedAt
        }
    }
}
