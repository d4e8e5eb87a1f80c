package io.callready.wire.result;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireTextTest {

    @Test
    void everyC0ControlDelAndC1ControlBecomesAVisibleEscape() {
        for (char c = 0; c <= 0x9F; c++) {
            if (!WireText.isControl(c)) {
                assertThat(WireText.printable("a" + c + "b")).isEqualTo("a" + c + "b");
                continue;
            }
            String expected = switch (c) {
                case '\r' -> "a\\rb";
                case '\n' -> "a\\nb";
                case '\t' -> "a\\tb";
                default -> String.format("a\\u%04xb", (int) c);
            };
            assertThat(WireText.printable("a" + c + "b")).as("U+%04X", (int) c).isEqualTo(expected);
        }
    }

    @Test
    void namedEscapesAreTheOnesATechnicianReads() {
        assertThat(WireText.printable("SIP/2.0 200 O\u0000K")).isEqualTo("SIP/2.0 200 O\\u0000K");
        assertThat(WireText.printable("\u001b[2J")).isEqualTo("\\u001b[2J");
        assertThat(WireText.printable("a\r\nb")).isEqualTo("a\\r\\nb");
        assertThat(WireText.printable("\u007f\u0085\u009b")).isEqualTo("\\u007f\\u0085\\u009b");
    }

    @Test
    void allowedControlsAreKeptButNulNever() {
        assertThat(WireText.printable("line\n\tindented\r\u0000", "\n\t")).isEqualTo("line\n\tindented\\r\\u0000");
        assertThat(WireText.printable("\u0000", "\u0000")).isEqualTo("\\u0000");
    }

    @Test
    void unpairedSurrogatesAreEscapedAndPairsKept() {
        String pair = "\uD83D\uDCDE";
        assertThat(WireText.printable(pair)).isEqualTo(pair);
        assertThat(WireText.printable("x\uD83Dy")).isEqualTo("x\\ud83dy");
        assertThat(WireText.printable("x\uDCDEy")).isEqualTo("x\\udcdey");
        assertThat(WireText.printable("\uDCDE\uD83D")).as("low before high is no pair").isEqualTo("\\udcde\\ud83d");
        assertThat(WireText.printable("end\uD83D")).isEqualTo("end\\ud83d");
        assertThat(WireText.printable(pair + "\uD83D" + pair)).isEqualTo(pair + "\\ud83d" + pair);
    }

    @Test
    void cleanTextAndNullAreReturnedAsTheyAre() {
        String clean = "SIP/2.0 503 Service Unavailable — retry later ✓";
        assertThat(WireText.printable(clean)).isSameAs(clean);
        assertThat(WireText.printable(null)).isNull();
    }

    @Test
    void clipCutsToTheLengthWithAnEllipsisAndNeverSplitsAPair() {
        assertThat(WireText.clip("abcdef", 6)).isEqualTo("abcdef");
        assertThat(WireText.clip("abcdefg", 6)).isEqualTo("abcde…").hasSize(6);
        assertThat(WireText.clip("x".repeat(5000), 2000)).hasSize(2000).endsWith("x…");
        String pairs = "ab\uD83D\uDCDEcd";
        assertThat(WireText.clip(pairs, 4)).isEqualTo("ab…");
        assertThat(WireText.forbiddenCharacter(WireText.clip(pairs, 4), "")).isNull();
        assertThat(WireText.clip(WireText.printable("ab\u001bcd"), 6)).as("an escape is kept whole or not at all").isEqualTo("ab…");
        assertThat(WireText.clip(WireText.printable("ab\rcd"), 4)).isEqualTo("ab…");
        assertThat(WireText.clip(WireText.printable("ab\rcd"), 5)).isEqualTo("ab\\r…");
        assertThat(WireText.clip(null, 3)).isNull();
        assertThatThrownBy(() -> WireText.clip("abc", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomTextComesOutStorableAndStaysTheSameWhenDoneTwice() {
        SplittableRandom random = new SplittableRandom(20261201);
        for (int i = 0; i < 20_000; i++) {
            String raw = randomText(random, random.nextInt(0, 40));
            String once = WireText.printable(raw);
            assertThat(WireText.forbiddenCharacter(once, "")).as("printable(%s)", once).isNull();
            assertThat(WireText.printable(once)).isEqualTo(once);
            String reason = WireText.printable(raw, "\n\t");
            assertThat(WireText.forbiddenCharacter(reason, "\n\t")).isNull();
            assertThat(WireText.printable(reason, "\n\t")).isEqualTo(reason);
            int max = random.nextInt(1, 30);
            String clipped = WireText.clip(once, max);
            assertThat(clipped.length()).isLessThanOrEqualTo(max);
            assertThat(WireText.forbiddenCharacter(clipped, "")).isNull();
            assertThat(WireText.printable(WireText.clip(clipped, max))).isEqualTo(clipped);
        }
    }

    /** Mostly the characters that break things: controls, surrogates of both halves, pairs, plain ASCII. */
    static String randomText(SplittableRandom random, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(6)) {
                case 0 -> s.append((char) random.nextInt(0, 0x20));
                case 1 -> s.append((char) random.nextInt(0x7F, 0xA0));
                case 2 -> s.append((char) random.nextInt(0xD800, 0xE000));
                case 3 -> s.appendCodePoint(random.nextInt(0x10000, 0x110000));
                case 4 -> s.append((char) random.nextInt(0x20, 0x7F));
                default -> s.append((char) random.nextInt(0xA0, 0xD800));
            }
        }
        return s.toString();
    }
}
