package io.callready.wire.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callready.wire.Json;

import java.io.IOException;
import java.util.Optional;

/**
 * Reads wire documents with {@link JsonTrees} and {@link RecordBinder} and, for anything those leave (malformed
 * input, a value databind coerces or refuses), with databind, so answers and errors are databind's in every case.
 * The mapper is built the first time it is needed: an agent whose documents are all well formed never loads databind.
 */
public final class WireJson {
    private static volatile ObjectMapper databind;

    private WireJson() {
    }

    /** The wire settings' mapper ({@link Json#newMapper()}), one per process, built when first asked for. */
    public static ObjectMapper databind() {
        ObjectMapper m = databind;
        if (m == null) {
            synchronized (WireJson.class) {
                m = databind;
                if (m == null) {
                    databind = m = Json.newMapper();
                }
            }
        }
        return m;
    }

    public static <T> T read(byte[] json, Class<T> type) throws IOException {
        Optional<T> quick = bound(quickTree(json), type);
        return quick.isPresent() ? quick.get() : databind().readValue(json, type);
    }

    public static <T> T read(String json, Class<T> type) throws IOException {
        Optional<T> quick = bound(quickTree(json), type);
        return quick.isPresent() ? quick.get() : databind().readValue(json, type);
    }

    public static <T> T bind(JsonNode tree, Class<T> type) throws IOException {
        Optional<T> quick = RecordBinder.bind(tree, type);
        return quick.isPresent() ? quick.get() : databind().treeToValue(tree, type);
    }

    public static JsonNode tree(byte[] json) throws IOException {
        JsonNode quick = quickTree(json);
        return quick != null ? quick : databind().readTree(json);
    }

    public static JsonNode tree(String json) throws IOException {
        JsonNode quick = quickTree(json);
        return quick != null ? quick : databind().readTree(json);
    }

    private static <T> Optional<T> bound(JsonNode tree, Class<T> type) {
        return tree == null ? Optional.empty() : RecordBinder.bind(tree, type);
    }

    /** The tree, or null where databind must read it (it may then answer differently or explain the fault). */
    private static JsonNode quickTree(byte[] json) {
        try {
            return JsonTrees.read(json);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static JsonNode quickTree(String json) {
        try {
            return JsonTrees.read(json);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
