package io.callready.agent.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds where things are in a YAML text by walking its token stream: the line and column of a key path, and
 * the first key that appears twice in one mapping. Lets errors found on the parsed tree point at the file.
 * Path segments are {@code String} keys and {@code Integer} list indices.
 */
final class YamlPositions {
    record Position(int line, int column) {
        static final Position START = new Position(1, 1);
    }

    record Duplicate(List<Object> path, Position position) {
    }

    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final String yaml;

    YamlPositions(String yaml) {
        this.yaml = yaml;
    }

    /** Where {@code path} is (the key for mapping members); the nearest existing ancestor if it is absent. */
    Position locate(List<Object> path) {
        try (JsonParser p = FACTORY.createParser(yaml)) {
            if (p.nextToken() == null) {
                return Position.START;
            }
            Position best = position(p.currentTokenLocation());
            for (Object segment : path) {
                if (p.currentToken() == JsonToken.START_OBJECT && segment instanceof String key) {
                    if (!seekField(p, key)) {
                        return best;
                    }
                    best = position(p.currentTokenLocation());
                    p.nextToken();
                } else if (p.currentToken() == JsonToken.START_ARRAY && segment instanceof Integer index) {
                    if (!seekElement(p, index)) {
                        return best;
                    }
                    best = position(p.currentTokenLocation());
                } else {
                    return best;
                }
            }
            return best;
        } catch (IOException e) {
            return Position.START;
        }
    }

    /** The first key repeated within one mapping, with its path and the position of the repeat. */
    Optional<Duplicate> firstDuplicateKey() {
        try (JsonParser p = FACTORY.createParser(yaml)) {
            if (p.nextToken() == null) {
                return Optional.empty();
            }
            return findDuplicate(p, new ArrayList<>());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duplicate> findDuplicate(JsonParser p, List<Object> path) throws IOException {
        if (p.currentToken() == JsonToken.START_OBJECT) {
            Set<String> keys = new HashSet<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                path.add(key);
                if (!keys.add(key)) {
                    return Optional.of(new Duplicate(List.copyOf(path), position(p.currentTokenLocation())));
                }
                p.nextToken();
                Optional<Duplicate> inner = findDuplicate(p, path);
                if (inner.isPresent()) {
                    return inner;
                }
                path.removeLast();
            }
        } else if (p.currentToken() == JsonToken.START_ARRAY) {
            int index = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                path.add(index++);
                Optional<Duplicate> inner = findDuplicate(p, path);
                if (inner.isPresent()) {
                    return inner;
                }
                path.removeLast();
            }
        }
        return Optional.empty();
    }

    private static boolean seekField(JsonParser p, String key) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            if (key.equals(p.currentName())) {
                return true;
            }
            p.nextToken();
            p.skipChildren();
        }
        return false;
    }

    private static boolean seekElement(JsonParser p, int index) throws IOException {
        for (int i = 0; ; i++) {
            if (p.nextToken() == JsonToken.END_ARRAY) {
                return false;
            }
            if (i == index) {
                return true;
            }
            p.skipChildren();
        }
    }

    private static Position position(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? Position.START
                : new Position(location.getLineNr(), Math.max(1, location.getColumnNr()));
    }

    /** {@code plan.probes[0].ptime_ms} style. */
    static String format(List<Object> path) {
        StringBuilder sb = new StringBuilder();
        for (Object segment : path) {
            if (segment instanceof Integer index) {
                sb.append('[').append(index).append(']');
            } else {
                if (!sb.isEmpty()) sb.append('.');
                sb.append(segment);
            }
        }
        return sb.toString();
    }
}
