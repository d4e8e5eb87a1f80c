package io.callready.wire.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callready.wire.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTreesTest {
    private static final ObjectMapper DATABIND = Json.newMapper();

    static List<String> documents() throws IOException, URISyntaxException {
        Path corpus = Path.of(JsonTreesTest.class.getResource("/json/trees.txt").toURI());
        return Files.readAllLines(corpus, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    @ParameterizedTest
    @MethodSource("documents")
    void readsTheTreeDatabindReads(String json) throws IOException {
        JsonNode expected = DATABIND.readTree(json);
        JsonNode tree = JsonTrees.read(json);
        assertThat(tree).isEqualTo(expected);
        assertThat(tree.getClass()).isEqualTo(expected.getClass());
        assertThat(JsonTrees.read(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("documents")
    void writesWhatToStringWrites(String json) throws IOException {
        JsonNode tree = DATABIND.readTree(json);
        assertThat(JsonTrees.text(tree)).isEqualTo(tree.toString());
    }

    @ParameterizedTest
    @MethodSource("documents")
    void indentsAsDatabindIndents(String json) throws IOException {
        JsonNode tree = DATABIND.readTree(json);
        assertThat(new String(JsonTrees.pretty(tree), StandardCharsets.UTF_8))
                .isEqualTo(new String(DATABIND.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1,\"a\":2}", "{\"x\":{\"b\":1,\"b\":1}}", "{} {}", "[1] 2"})
    void leavesRepeatedKeysAndSecondValuesToDatabind(String json) {
        assertThatThrownBy(() -> JsonTrees.read(json)).isInstanceOf(JsonTrees.Unhandled.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void anEmptyDocumentIsMissingAsInDatabind(String json) throws IOException {
        assertThat(JsonTrees.read(json)).isEqualTo(DATABIND.readTree(json));
    }
}
