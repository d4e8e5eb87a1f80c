package io.callready.agent.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.callready.wire.json.JsonTrees;

/**
 * A YAML document's tree read from the YAML parser's tokens with {@link JsonTrees}, the tree a {@code YAMLMapper}
 * reads from the same tokens, without building a mapper (which loads databind whole into the agent).
 */
public final class YamlTrees {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private YamlTrees() {
    }

    /** The tree, or null when the document needs a mapper: malformed, a repeated key, a second document, a binary value. */
    public static JsonNode quick(String yaml) {
        try (JsonParser p = FACTORY.createParser(yaml)) {
            return JsonTrees.read(p);
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }
}
