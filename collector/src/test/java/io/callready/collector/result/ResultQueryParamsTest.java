package io.callready.collector.result;

import io.callready.collector.problem.FieldError;
import io.callready.collector.problem.ProblemException;
import io.callready.wire.result.ProbeKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ResultQueryParamsTest {
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    @Test
    void defaultsToTheLastHourAndAThousandResults() {
        ResultQueryParams q = ResultQueryParams.parse(null, null, null, null, NOW);
        assertThat(q.from()).isEqualTo(Instant.parse("2026-11-21T11:00:00Z"));
        assertThat(q.to()).isEqualTo(NOW);
        assertThat(q.kind()).isEmpty();
        assertThat(q.limit()).isEqualTo(1000);
    }

    @Test
    void fromDefaultsToAnHourBeforeAGivenTo() {
        ResultQueryParams q = ResultQueryParams.parse(null, "2026-11-01T00:00:00Z", "rtp_burst", "10000", NOW);
        assertThat(q.from()).isEqualTo(Instant.parse("2026-10-31T23:00:00Z"));
        assertThat(q.kind()).contains(ProbeKind.RTP_BURST);
        assertThat(q.limit()).isEqualTo(10000);
    }

    @Test
    void reportsEveryBadParameter() {
        var e = catchThrowableOfType(ProblemException.class, () -> ResultQueryParams.parse("x", "y", "z", "-1", NOW));
        assertThat(e.problem().status()).isEqualTo(400);
        assertThat(e.problem().errors()).extracting(FieldError::field).containsExactlyInAnyOrder("from", "to", "kind", "limit");
    }

    @Test
    void emptyWindowIsRefused() {
        var e = catchThrowableOfType(ProblemException.class,
                () -> ResultQueryParams.parse("2026-11-21T12:00:00Z", "2026-11-21T12:00:00Z", null, null, NOW));
        assertThat(e.problem().errors()).extracting(FieldError::field).containsExactly("from");
    }

    @Test
    void timesBeyondAnyCalendarAreRefusedNotOverflowed() {
        var e = catchThrowableOfType(ProblemException.class,
                () -> ResultQueryParams.parse("-1000000000-01-01T00:00:00Z", "+1000000000-12-31T23:59:59Z", null, null, NOW));
        assertThat(e.problem().status()).isEqualTo(400);
        assertThat(e.problem().errors()).extracting(FieldError::field).containsExactlyInAnyOrder("from", "to");
        var onlyTo = catchThrowableOfType(ProblemException.class,
                () -> ResultQueryParams.parse(null, "-1000000000-01-01T00:00:00Z", null, null, NOW));
        assertThat(onlyTo.problem().errors()).extracting(FieldError::field).containsExactly("to");
        assertThat(ResultQueryParams.parse("0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", null, null, NOW).from())
                .isEqualTo(ResultQueryParams.EARLIEST);
    }
}
