package io.callready.collector.dashboard;

import io.callready.collector.dashboard.GrafanaMacros.Variable;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The expansions Grafana's PostgreSQL data source documents, written out by hand. */
class GrafanaMacrosTest {
    private static final Instant FROM = Instant.parse("2017-04-21T05:01:17Z");
    private static final Instant TO = Instant.parse("2017-04-21T05:06:17Z");

    private static GrafanaMacros macros(Duration interval, Map<String, Variable> vars) {
        return new GrafanaMacros(FROM, TO, interval, vars);
    }

    @Test
    void intervalIsTheRangeOverMaxDataPointsRoundedAndAtLeastTheMinimum() {
        Duration hour = Duration.ofHours(1);
        // 30 d / 200 = 3.6 h → 3 h; 7 d / 200 = 50.4 min → 1 h; 24 h / 200 = 7.2 min → 5 min, raised to the 1 h minimum
        assertThat(GrafanaMacros.interval(Duration.ofDays(30), 200, hour)).isEqualTo(Duration.ofHours(3));
        assertThat(GrafanaMacros.interval(Duration.ofDays(7), 200, hour)).isEqualTo(hour);
        assertThat(GrafanaMacros.interval(Duration.ofHours(24), 200, null)).isEqualTo(Duration.ofMinutes(5));
        assertThat(GrafanaMacros.interval(Duration.ofHours(24), 200, hour)).isEqualTo(hour);
        // 6 h / 1000 = 21.6 s → 20 s
        assertThat(GrafanaMacros.interval(Duration.ofHours(6), 1000, null)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void timeMacros() {
        GrafanaMacros g = macros(Duration.ofMinutes(5), Map.of());
        assertThat(g.expand("WHERE $__timeFilter(started_at)"))
                .isEqualTo("WHERE started_at BETWEEN '2017-04-21T05:01:17Z' AND '2017-04-21T05:06:17Z'");
        assertThat(g.expand("$__timeFrom() $__timeTo()")).isEqualTo("'2017-04-21T05:01:17Z' '2017-04-21T05:06:17Z'");
        assertThat(g.expand("SELECT $__timeGroupAlias(bucket, '1h')"))
                .isEqualTo("SELECT floor(extract(epoch from bucket)/3600)*3600 AS \"time\"");
        assertThat(g.expand("$__timeGroup(t, 5m)")).isEqualTo("floor(extract(epoch from t)/300)*300");
        assertThat(g.expand("$__time(t), $__timeEpoch(t)")).isEqualTo("t AS \"time\", extract(epoch from t) AS \"time\"");
    }

    @Test
    void intervalIsInterpolatedBeforeMacrosAsGrafanaPrintsIt() {
        assertThat(macros(Duration.ofSeconds(90), Map.of()).expand("$__timeGroupAlias(t, $__interval) $__interval_ms"))
                .isEqualTo("floor(extract(epoch from t)/60)*60 AS \"time\" 90000");
        assertThat(macros(Duration.ofMillis(500), Map.of()).expand("$__timeGroup(t, $__interval)"))
                .isEqualTo("floor(extract(epoch from t)/0.5)*0.5");
        assertThat(GrafanaMacros.intervalText(Duration.ofDays(2))).isEqualTo("2d");
        assertThat(GrafanaMacros.intervalText(Duration.ofHours(1))).isEqualTo("1h");
        assertThat(GrafanaMacros.intervalText(Duration.ofSeconds(20))).isEqualTo("20s");
    }

    @Test
    void fractionalSecondsLikeGoRfc3339Nano() {
        assertThat(GrafanaMacros.literal(Instant.parse("2017-04-21T05:01:17.120Z"))).isEqualTo("'2017-04-21T05:01:17.12Z'");
        assertThat(GrafanaMacros.literal(Instant.parse("2017-04-21T05:01:17Z"))).isEqualTo("'2017-04-21T05:01:17Z'");
    }

    @Test
    void singleValuesAsTypedMultiValuesQuotedAndJoined() {
        GrafanaMacros g = macros(Duration.ofMinutes(1), Map.of(
                "site", Variable.single("o'brien"),
                "customer", Variable.multi("a", "b'c")));
        assertThat(g.expand("site = '$site' AND c IN ($customer) AND d IN (${customer}) AND e = '[[site]]'"))
                .isEqualTo("site = 'o''brien' AND c IN ('a','b''c') AND d IN ('a','b''c') AND e = 'o''brien'");
    }

    @Test
    void mistakesAreNamed() {
        GrafanaMacros g = macros(Duration.ofMinutes(1), Map.of());
        assertThatThrownBy(() -> g.expand("'$site'")).hasMessageContaining("$site");
        assertThatThrownBy(() -> g.expand("$__timeFilter()")).hasMessageContaining("timeFilter");
        assertThatThrownBy(() -> g.expand("$__nope(x)")).hasMessageContaining("$__nope");
        assertThatThrownBy(() -> new GrafanaMacros(TO, FROM, Duration.ofMinutes(1), Map.of())).hasMessageContaining("end after");
    }
}
