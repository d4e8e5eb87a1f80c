package io.callready.collector.notify.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/** Serialising a rendered body; every renderer sends JSON. */
final class Json {
    static final Map<String, String> CONTENT_TYPE = Map.of("Content-Type", "application/json");

    private Json() {
    }

    static byte[] bytes(ObjectMapper mapper, ObjectNode body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
