package io.callready.agent.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** {@code run}'s hand-read command line against picocli's reading of the same words (corpus cli/service-args.txt). */
class ServiceArgsTest {

    record Line(boolean accept, String[] args) {
    }

    @AfterAll
    static void quietLogs() {
        LogSetup.configure(System.err, Level.INFO);
    }

    @Test
    void acceptedCommandLinesReadExactlyAsPicocliReadsThem() throws IOException {
        List<Line> accepted = corpus().stream().filter(Line::accept).toList();
        assertThat(accepted).hasSizeGreaterThan(10);
        for (Line line : accepted) {
            var mine = ServiceArgs.parse(line.args());
            assertThat(mine).as(Arrays.toString(line.args())).isPresent();
            ParseResult picocli = new CommandLine(new Cli()).parseArgs(line.args());
            ParseResult run = picocli.subcommand();
            assertThat(run.commandSpec().name()).isEqualTo("run");
            Path config = run.matchedOptionValue("--config", null);
            assertThat(mine.get().configFile()).as(Arrays.toString(line.args())).isEqualTo(config);
            assertThat(mine.get().verbose()).as(Arrays.toString(line.args()))
                    .isEqualTo(picocli.hasMatchedOption("--verbose") || run.hasMatchedOption("--verbose"));
        }
    }

    @Test
    void everythingElseIsLeftToPicocli() throws IOException {
        List<Line> declined = corpus().stream().filter(l -> !l.accept()).toList();
        assertThat(declined).hasSizeGreaterThan(30);
        for (Line line : declined) {
            assertThat(ServiceArgs.parse(line.args())).as(Arrays.toString(line.args())).isEmpty();
        }
    }

    @Test
    void theServiceStillAnswersABadConfigAsBefore() {
        var out = new java.io.StringWriter();
        var err = new java.io.StringWriter();
        int exit = Cli.execute(new String[]{"run", "--config", "src/test/resources/config/invalid/unknown-top-level-key.yaml"},
                new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true));
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).doesNotContain("Exception", "\tat ");
        int viaPicocli = new CommandLine(new Cli()).setErr(new java.io.PrintWriter(new java.io.StringWriter()))
                .execute("run", "--config", "src/test/resources/config/invalid/unknown-top-level-key.yaml");
        assertThat(viaPicocli).isEqualTo(exit);
    }

    private static List<Line> corpus() throws IOException {
        try (InputStream in = ServiceArgsTest.class.getResourceAsStream("/cli/service-args.txt")) {
            if (in == null) {
                fail("cli/service-args.txt missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> {
                        String[] kindAndWords = l.split("\t", 2);
                        String[] words = Arrays.stream(kindAndWords[1].split(" ")).map(w -> w.equals("''") ? "" : w).toArray(String[]::new);
                        return new Line(kindAndWords[0].equals("accept"), words);
                    }).toList();
        }
    }
}
