package io.callready.demo;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestOptionsTest {
    private static final Path CORPUS = Path.of("src/test/resources/ingest-bench/bad-arguments.txt");

    @Test
    void defaultsAreOneCollectorAndTwoMinutesSustained() {
        IngestOptions o = IngestOptions.parse();
        assertThat(o.rows()).isEqualTo(60_000);
        assertThat(o.batch()).isEqualTo(500);
        assertThat(o.clients()).isEqualTo(8);
        assertThat(o.agents()).isEqualTo(32);
        assertThat(o.replicas()).isEqualTo(1);
        assertThat(o.sustained()).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.catchUp()).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void everyOptionTakesItsValue() {
        IngestOptions o = IngestOptions.parse("--rows", "40000", "--batch", "250", "--clients", "6", "--agents", "12",
                "--replicas", "2", "--sustained", "10m", "--catch-up", "90s", "--root", "/repo");
        assertThat(o).isEqualTo(new IngestOptions(Path.of("/repo"), 40_000, 250, 6, 12, 2, Duration.ofMinutes(10), Duration.ofSeconds(90)));
    }

    @Test
    void noSustainedRunNeedsNoCatchUp() {
        IngestOptions o = IngestOptions.parse("--sustained", "0s", "--catch-up", "0s");
        assertThat(o.sustained()).isZero();
        assertThat(o.replicas()).isEqualTo(1);
    }

    @Test
    void badArgumentsStopWithAMessageNamingTheOption() throws IOException {
        List<String> cases = Files.readAllLines(CORPUS, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(cases).hasSizeGreaterThan(15);
        for (String line : cases) {
            String[] parts = line.split("\t", 2);
            String[] args = parts[0].split(" ");
            assertThatThrownBy(() -> IngestOptions.parse(args)).as(parts[0])
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(parts[1]);
        }
    }
}
