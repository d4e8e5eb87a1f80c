package io.callready.wire.result;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The char-by-char key check agrees with the rule as a regular expression, which is how KEY_RULE states it. */
class MetricKeyTest {
    private static final Pattern RULE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    /** Each allowed range with the characters just outside it. */
    private static final String ALPHABET = "az`{09/:_^AZ@[-. \u00e9\u0131";

    @Test
    void agreesWithTheRuleOnRandomKeys() {
        Random rnd = new Random(15);
        int valid = 0;
        for (int n = 0; n < 200_000; n++) {
            StringBuilder key = new StringBuilder();
            int length = rnd.nextInt(67);
            for (int i = 0; i < length; i++) {
                key.append(rnd.nextInt(3) == 0 ? ALPHABET.charAt(rnd.nextInt(ALPHABET.length())) : (char) ('a' + rnd.nextInt(26)));
            }
            boolean expected = RULE.matcher(key).matches();
            valid += expected ? 1 : 0;
            assertThat(MetricRanges.validKey(key.toString())).as("'%s'", key).isEqualTo(expected);
        }
        assertThat(valid).as("both outcomes are exercised").isBetween(1_000, 199_000);
    }

    @Test
    void edges() {
        assertThat(MetricRanges.validKey("a".repeat(64))).isTrue();
        assertThat(MetricRanges.validKey("a".repeat(65))).isFalse();
        assertThat(MetricRanges.validKey("")).isFalse();
        assertThat(MetricRanges.validKey(null)).isFalse();
        assertThat(MetricRanges.validKey("_a")).isFalse();
        assertThat(MetricRanges.validKey("9a")).isFalse();
        assertThat(MetricRanges.validKey("a_9")).isTrue();
    }
}
