package io.callready.collector.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.callready.collector.problem.EnumWireNames;
import io.callready.collector.problem.FieldError;
import io.callready.collector.problem.JsonErrors;
import io.callready.collector.problem.Problem;
import io.callready.collector.problem.ProblemException;
import io.callready.wire.plan.DurationText;
import io.callready.wire.plan.ProbeSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads plan documents by binding them to the wire types the agent itself uses ({@link io.callready.wire.plan.ProbePlan},
 * {@link ProbeSpec}), strictly (unknown keys are errors), so a plan the collector accepts is a plan every agent can
 * run, and a new probe kind added to the wire model is accepted here without further code. Errors are 400 problems
 * naming the field, e.g. {@code probes[1].ptime_ms}.
 */
@ApplicationScoped
public class PlanDocuments {
    private static final Pattern LEADING_WORD = Pattern.compile("^([a-z][a-z0-9_]*)\\b");

    private final ObjectMapper strict;
    private final Set<String> specProperties;
    private final List<String> kinds = Arrays.stream(ProbeSpec.class.getAnnotation(JsonSubTypes.class).value())
            .map(JsonSubTypes.Type::name).toList();
    @Inject
    EnumWireNames enumWireNames;

    @Inject
    public PlanDocuments(ObjectMapper mapper) {
        strict = mapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        specProperties = specProperties(strict);
    }

    public <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw ProblemException.badRequest("body", "is empty; send a JSON plan such as {\"probes\": [...]}");
        }
        T value;
        try {
            requireLists(strict.readTree(body));
            value = strict.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw problem(e, body);
        }
        if (value == null) {
            throw ProblemException.badRequest("body", "must be a JSON object");
        }
        return value;
    }

    /** Quarkus's mapper would read a lone object as a one-element list; a plan must say what it means. */
    private static void requireLists(JsonNode root) {
        for (String list : List.of("probes", "remove")) {
            if (root != null && root.has(list) && !root.get(list).isArray()) {
                throw field(list, "must be an array");
            }
        }
    }

    private ProblemException problem(JsonProcessingException e, String body) {
        return switch (e) {
            case ValueInstantiationException v -> invalidValue(v, body);
            case InvalidTypeIdException t -> field(pathOf(t) + ".kind", t.getTypeId() == null
                    ? "is required: one of " + kinds
                    : "unknown probe kind '" + FieldError.clip(t.getTypeId()) + "', expected one of " + kinds);
            case UnrecognizedPropertyException u -> field(pathOf(u), "unknown key; known keys here: " + u.getKnownPropertyIds());
            case InvalidFormatException f when f.getTargetType() == Duration.class -> field(pathOf(f),
                    "'" + FieldError.clip(String.valueOf(f.getValue())) + (DurationText.wellFormed(String.valueOf(f.getValue()))
                            ? "' is longer than any duration this system can hold"
                            : "' is not a duration; write a whole number with a unit: 250ms, 10s, 5m, 1h"));
            default -> {
                Problem p = JsonErrors.toProblem(e, enumWireNames::of);
                yield ProblemException.badRequest(p.detail(), p.errors());
            }
        };
    }

    private static ProblemException field(String field, String message) {
        return ProblemException.badRequest("Invalid " + field + ": " + message, List.of(new FieldError(field, message)));
    }

    public String write(Object document) {
        try {
            return strict.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a plan document", e);
        }
    }

    /**
     * A record constructor refused a value. Its message names the property first ("dscp must be 0..63") or quotes
     * the bad value ("'x:99999' is not host:port"); either way the property is added to the path.
     */
    private ProblemException invalidValue(ValueInstantiationException e, String body) {
        String message = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : "invalid value";
        String path = pathOf(e);
        Matcher word = LEADING_WORD.matcher(message);
        Optional<String> quoted = path.matches("probes\\[\\d+]") ? quotedProperty(body, path, message) : Optional.empty();
        if (word.find() && specProperties.contains(word.group(1)) && path.matches("probes\\[\\d+]")) {
            path = path + "." + word.group(1);
        } else if (quoted.isPresent()) {
            path = path + "." + quoted.get();
        } else if (path.equals("body") && message.startsWith("probe name")) {
            path = "probes";
        } else if (path.equals("body") && message.startsWith("remove")) {
            path = "remove";
        }
        return field(path, message);
    }

    /** The one property of the object at {@code path} whose text value the message quotes. */
    private Optional<String> quotedProperty(String body, String path, String message) {
        try {
            JsonNode node = strict.readTree(body).at("/" + path.replace("[", "/").replace("]", "").replace(".", "/"));
            List<String> hits = new ArrayList<>();
            node.properties().forEach(p -> {
                if (p.getValue().isTextual() && message.contains("'" + p.getValue().asText() + "'")) {
                    hits.add(p.getKey());
                }
            });
            return hits.size() == 1 ? Optional.of(hits.getFirst()) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static Set<String> specProperties(ObjectMapper mapper) {
        Set<String> names = new HashSet<>();
        for (JsonSubTypes.Type type : ProbeSpec.class.getAnnotation(JsonSubTypes.class).value()) {
            mapper.getDeserializationConfig().introspect(mapper.constructType(type.value()))
                    .findProperties().forEach(p -> names.add(p.getName()));
        }
        return names;
    }
}
