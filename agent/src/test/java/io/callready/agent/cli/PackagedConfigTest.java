package io.callready.agent.cli;

import io.callready.agent.config.AgentConfig;
import io.callready.agent.config.AgentSection;
import io.callready.agent.config.CollectorSection;
import io.callready.agent.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The /etc/callready/agent.yaml the Debian package installs (agent/config/agent.package.yaml): as shipped the agent
 * refuses to run and says how to enroll; the settings it shows commented out (every line after its "Every key with its default" line) parse and are the
 * defaults, so the example cannot drift from the code.
 */
class PackagedConfigTest {
    private static final Path PACKAGED = Path.of("config/agent.package.yaml");
    private static final String SETTINGS_HEADER = "# Every key with its default (remove the \"#\" in front of a setting to use it):";

    @Test
    void asShippedTheAgentRefusesToRunAndSaysHowToEnroll() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.execute(new String[]{"run", "--config", PACKAGED.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString())
                .contains("this agent is not enrolled: " + PACKAGED + " has no agent.id")
                .contains("callready-agent enroll --collector URL --code CODE")
                .contains("systemctl enable --now callready-agent")
                .doesNotContain("Exception");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void theCommentedOutSettingsParseAndAreTheDefaults() throws Exception {
        List<String> lines = Files.readAllLines(PACKAGED);
        int header = lines.indexOf(SETTINGS_HEADER);
        assertThat(header).as("the settings header line").isNotNegative();
        String uncommented = lines.subList(header + 1, lines.size()).stream()
                .peek(line -> assertThat(line).as("a commented-out setting").startsWith("#"))
                .map(line -> line.substring(1))
                .collect(Collectors.joining("\n"));
        AgentConfig config = new ConfigLoader().parse(uncommented, PACKAGED + " (uncommented)");
        assertThat(config.agent().stateDir()).isEqualTo(AgentSection.DEFAULT_STATE_DIR);
        assertThat(config.collector().tokenFilePath())
                .isEqualTo(Path.of(AgentSection.DEFAULT_STATE_DIR, EnrollCommand.TOKEN_FILE));
        assertThat(config.collector().batchSize()).isEqualTo(CollectorSection.DEFAULT_BATCH_SIZE);
        assertThat(config.collector().shipInterval()).isEqualTo(CollectorSection.DEFAULT_SHIP_INTERVAL);
        assertThat(config.collector().planPollInterval()).isEqualTo(CollectorSection.DEFAULT_PLAN_POLL_INTERVAL);
        assertThat(config.collector().serverFailureLimit()).isEqualTo(CollectorSection.DEFAULT_SERVER_FAILURE_LIMIT);
        assertThat(config.plan().probes()).isEmpty();
        assertThat(Path.of(EnrollCommand.DEFAULT_CONFIG)).isEqualTo(Path.of("/etc/callready/agent.yaml"));
    }

    @Test
    void aConfigWithAnAgentIdIsLeftToTheLoader() throws Exception {
        assertThat(NotEnrolled.message(Path.of("config/agent.example.yaml"))).isEmpty();
        assertThat(NotEnrolled.message(Path.of("does-not-exist.yaml"))).isEmpty();
    }
}
