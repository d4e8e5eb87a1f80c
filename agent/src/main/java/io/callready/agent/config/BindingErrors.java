package io.callready.agent.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.callready.wire.plan.DurationText;
import io.callready.wire.plan.ProbeSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a Jackson binding failure on the config tree into one {@link ConfigException} in the user's terms: the key
 * path, its line:column in the file, and what is wrong with it. Validation messages from record constructors are
 * pointed at the key they are about.
 */
final class BindingErrors {
    private static final String TYPE_PROPERTY = "kind";
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    private final ObjectMapper mapper;

    BindingErrors(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ConfigException explain(DatabindException ex, JsonNode root, YamlPositions positions, String source) {
        JsonMappingException e = (JsonMappingException) ex;
        List<Object> path = new ArrayList<>();
        for (JsonMappingException.Reference ref : e.getPath()) {
            path.add(ref.getFieldName() != null ? ref.getFieldName() : (Object) ref.getIndex());
        }
        String problem;
        List<Object> locateAt = path;
        switch (e) {
            case UnrecognizedPropertyException u -> problem = "unknown key; expected one of " + known(u.getKnownPropertyIds());
            case InvalidTypeIdException t when t.getTypeId() == null ->
                    problem = "kind is missing; say which probe this is, e.g. kind: rtp_burst";
            case InvalidTypeIdException t -> {
                locateAt = append(path, TYPE_PROPERTY);
                problem = "unknown probe kind '" + t.getTypeId() + "'; expected one of " + probeKinds();
            }
            case ValueInstantiationException v -> {
                JsonNode node = nodeAt(root, path);
                Optional<String> unknown = firstUnknownKey(node, v.getType());
                if (unknown.isPresent()) {
                    path = append(path, unknown.get());
                    YamlPositions.Position at = positions.locate(path);
                    return new ConfigException(source, at.line(), at.column(), YamlPositions.format(path),
                            "unknown key; expected one of " + known(propertyNames(v.getType())));
                }
                String message = rootMessage(v);
                Blame blame = blame(message, v.getType(), node);
                if (blame.key() != null) {
                    path = append(path, blame.key());
                }
                locateAt = path;
                problem = blame.problem();
            }
            case InvalidFormatException f -> {
                JsonNode value = nodeAt(root, path);
                problem = value.isTextual() && !secret(path) ? invalidValue(f) : wrongType(f.getTargetType(), secret(path) ? null : value);
            }
            case MismatchedInputException m -> problem = wrongType(m.getTargetType(), secret(path) ? null : nodeAt(root, path));
            default -> problem = ConfigLoader.firstLine(e.getOriginalMessage());
        }
        YamlPositions.Position at = positions.locate(locateAt);
        return new ConfigException(source, at.line(), at.column(), YamlPositions.format(path), problem);
    }

    private record Blame(String key, String problem) {
    }

    /**
     * Points a validation message from a record constructor at the key it is about: the key the message starts with,
     * or the key whose value the message quotes. The key is dropped from the message when the path already says it.
     */
    private Blame blame(String message, JavaType type, JsonNode node) {
        List<String> keys = propertyNames(type);
        for (String key : keys) {
            if (message.startsWith(key + " ")) {
                String rest = message.substring(key.length() + 1);
                boolean redundant = rest.startsWith("must ") || rest.startsWith("is ") || rest.startsWith("are ");
                return new Blame(key, redundant ? rest : message);
            }
        }
        Matcher quoted = QUOTED.matcher(message);
        if (quoted.find() && node != null && node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isValueNode() && field.getValue().asText().equals(quoted.group(1))) {
                    return new Blame(field.getKey(), message);
                }
            }
        }
        return new Blame(null, message);
    }

    /**
     * Jackson reports unknown keys only after the object is built, so a constructor that rejects a missing key
     * would hide the misspelt key that was meant to provide it; report the misspelling instead.
     */
    private Optional<String> firstUnknownKey(JsonNode node, JavaType type) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        List<String> known = propertyNames(type);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key) && !key.equals(TYPE_PROPERTY)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    private List<String> propertyNames(JavaType type) {
        if (type == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (BeanPropertyDefinition property : mapper.getDeserializationConfig().introspect(type).findProperties()) {
            names.add(property.getName());
        }
        // longest first, so "token_file" wins over "token"
        names.sort((a, b) -> b.length() - a.length());
        return names;
    }

    private static String invalidValue(InvalidFormatException f) {
        String text = String.valueOf(f.getValue());
        if (f.getTargetType() == Duration.class) {
            try {
                DurationText.parse(text);
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
        return "'" + text + "' is not " + expected(f.getTargetType());
    }

    /** A credential's value is never quoted back, not even when it has the wrong type. */
    private static boolean secret(List<Object> path) {
        return path.size() >= 3 && "snmp_credentials".equals(path.getFirst())
                && SnmpCredentials.SECRET_KEYS.contains(String.valueOf(path.getLast()));
    }

    private static String wrongType(Class<?> target, JsonNode actual) {
        return "must be " + expected(target) + (actual == null ? "" : ", not " + describe(actual));
    }

    private static String expected(Class<?> target) {
        if (target == null) return "a different kind of value";
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class) return "a whole number";
        if (target == Double.class || target == double.class) return "a number";
        if (target == Boolean.class || target == boolean.class) return "true or false";
        if (target == String.class) return "text";
        if (target == Duration.class) return "a duration like 250ms, 10s, 5m or 1h";
        if (target.isEnum()) return "one of " + Arrays.stream(target.getEnumConstants()).map(Object::toString)
                .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        if (Collection.class.isAssignableFrom(target)) return "a list";
        return "a mapping of keys";
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) return "empty";
        if (node.isTextual()) return "the text '" + node.asText() + "'";
        if (node.isNumber()) return "the number " + node.asText();
        if (node.isBoolean()) return node.asText();
        if (node.isArray()) return "a list";
        return "a mapping";
    }

    private static JsonNode nodeAt(JsonNode root, List<Object> path) {
        JsonNode node = root;
        for (Object segment : path) {
            node = segment instanceof Integer i ? node.path(i) : node.path((String) segment);
        }
        return node;
    }

    private static List<Object> append(List<Object> path, Object segment) {
        List<Object> longer = new ArrayList<>(path);
        longer.add(segment);
        return longer;
    }

    private static String known(Collection<?> ids) {
        return ids == null || ids.isEmpty() ? "no keys here"
                : ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    /** The {@code kind} names ProbeSpec declares, so a new probe kind shows up here without an edit. */
    private static String probeKinds() {
        JsonSubTypes subTypes = ProbeSpec.class.getAnnotation(JsonSubTypes.class);
        return subTypes == null ? "(none)" : Arrays.stream(subTypes.value()).map(JsonSubTypes.Type::name)
                .sorted().collect(Collectors.joining(", "));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t instanceof IllegalArgumentException && t.getMessage() != null ? t.getMessage() : ConfigLoader.firstLine(e.getMessage());
    }
}
