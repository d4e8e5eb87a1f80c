package io.callready.demo;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's arithmetic against figures worked out by hand (ticks are 10 ms). */
class PhaseFiguresTest {
    /** 40,000 rows in 2 s with 3 s of PostgreSQL CPU: 20,000 rows/s, 75 µs/row. */
    private static final PhaseFigures COPY = PhaseFigures.copy("copy", 40_000, 2.0, 300);

    @Test
    void rawCopyHasNoCollector() {
        assertThat(COPY.rowsPerSecond()).isEqualTo(20_000);
        assertThat(columns(COPY.lines(COPY.rowsPerSecond()))).containsExactly(
                List.of("copy", "-", "40000", "2.00", "20000", "1.00", "-", "75.0", "-"));
    }

    @Test
    void twoCollectorsArePrintedEachAndTogether() {
        // 32,000 rows with 3.2 s of CPU and 8,000 with 1.2 s in 4 s; PostgreSQL 5 s; peaks 400 and 300 MB
        PhaseFigures http = PhaseFigures.collectors("http", 4.0, 500, List.of(
                new PhaseFigures.Share(1, 32_000, 320, 400 * 1024), new PhaseFigures.Share(2, 8_000, 120, 300 * 1024)));
        assertThat(http.rows()).isEqualTo(40_000);
        assertThat(http.rowsPerSecond()).isEqualTo(10_000);
        assertThat(http.collectorTicks()).isEqualTo(440);
        assertThat(columns(http.lines(COPY.rowsPerSecond()))).containsExactly(
                List.of("http", "1", "32000", "4.00", "8000", "0.40", "100.0", "-", "400"),
                List.of("http", "2", "8000", "4.00", "2000", "0.10", "150.0", "-", "300"),
                List.of("http", "all", "40000", "4.00", "10000", "0.50", "110.0", "125.0", "700"));
    }

    @Test
    void oneCollectorIsOneLine() {
        PhaseFigures http = PhaseFigures.collectors("http", 5.0, 450, List.of(new PhaseFigures.Share(1, 30_000, 270, 512 * 1024)));
        assertThat(columns(http.lines(COPY.rowsPerSecond()))).containsExactly(
                List.of("http", "1", "30000", "5.00", "6000", "0.30", "90.0", "150.0", "512"));
    }

    @Test
    void aCollectorThatStoredNothingHasNoCpuPerRow() {
        assertThat(PhaseFigures.microsPerRow(12, 0)).isNaN();
        assertThat(PhaseFigures.microsPerRow(1, 100)).isEqualTo(100.0);
    }

    private static List<List<String>> columns(List<String> lines) {
        return lines.stream().map(l -> List.of(l.strip().split("\\s+"))).toList();
    }
}
