package io.callready.collector.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Spells enum constants the way the wire does (their {@code @JsonValue}), for error messages. */
@ApplicationScoped
public class EnumWireNames {
    @Inject
    ObjectMapper mapper;

    public String of(Enum<?> constant) {
        try {
            return mapper.convertValue(constant, String.class);
        } catch (IllegalArgumentException e) {
            return constant.name();
        }
    }
}
