package io.callready.agent.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callready.wire.json.RecordBinder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The config read without databind ({@link YamlTrees}, {@link RecordBinder}) against the strict mapper it stands in
 * for, over every config the tests hold: the same tree and the same config where both read one, and never a config
 * where the mapper refuses the file (the loader then explains the fault with the mapper, as before).
 */
class QuickConfigReadTest {
    private static final ObjectMapper STRICT = ConfigLoader.strictMapper();

    static Stream<Path> validConfigs() {
        return Stream.of(Path.of("config/agent.example.yaml"), Path.of("src/test/resources/config/valid-minimal.yaml"),
                Path.of("src/test/resources/config/valid-path-probes.yaml"));
    }

    static Stream<Path> configs() throws IOException {
        List<Path> all = new ArrayList<>(validConfigs().toList());
        try (Stream<Path> invalid = Files.list(Path.of("src/test/resources/config/invalid"))) {
            invalid.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(all::add);
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("configs")
    void readsWhatTheStrictMapperReadsAndNothingItRefuses(Path file) throws IOException {
        String yaml = Files.readString(file, StandardCharsets.UTF_8);
        JsonNode quick = YamlTrees.quick(yaml);
        JsonNode tree;
        try {
            tree = STRICT.readTree(yaml);
        } catch (IOException e) {
            assertThat(quick).as("the mapper refuses %s", file).isNull();
            return;
        }
        if (quick == null) {
            return;
        }
        assertThat(quick).isEqualTo(tree);
        Optional<AgentConfig> bound = RecordBinder.bind(quick, AgentConfig.class);
        AgentConfig expected;
        try {
            expected = STRICT.treeToValue(tree, AgentConfig.class);
        } catch (IOException | IllegalArgumentException e) {
            assertThat(bound).as("the mapper refuses %s: %s", file, e.getMessage()).isEmpty();
            return;
        }
        bound.ifPresent(config -> assertThat(config).isEqualTo(expected));
    }

    @ParameterizedTest
    @MethodSource("validConfigs")
    void theValidConfigsNeedNoMapper(Path file) throws IOException {
        String yaml = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(RecordBinder.bind(YamlTrees.quick(yaml), AgentConfig.class)).isPresent();
    }
}
