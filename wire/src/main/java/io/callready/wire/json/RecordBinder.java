package io.callready.wire.json;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callready.wire.plan.DurationText;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Binds a JSON tree to the wire records (and the agent's config records) as databind would, for input databind takes
 * without complaint, from the records' own annotations: {@code @JsonProperty} names, {@code @JsonTypeInfo} with
 * {@code @JsonSubTypes} by name, enums by {@code @JsonCreator} or {@code @JsonValue}, {@link DurationText} durations,
 * {@code @JsonIgnoreProperties(ignoreUnknown)}. Strict: a value of another shape than its type's (text for a number,
 * a fraction for an integer), an unknown key, a missing primitive, a record refusing its values, or anything else it
 * does not know gives empty, and the caller binds with databind, whose answer or error then stands. So this never
 * accepts what databind refuses, and errors keep databind's wording; only valid input skips databind's classes.
 */
public final class RecordBinder {
    /** Unwinds a bind this class leaves to databind; no stack trace, it is expected. */
    private static final class Defer extends RuntimeException {
        Defer() {
            super(null, null, false, false);
        }
    }

    private static final Defer DEFER = new Defer();

    private RecordBinder() {
    }

    public static <T> Optional<T> bind(JsonNode node, Class<T> type) {
        try {
            return Optional.ofNullable(type.cast(value(node, type, false)));
        } catch (Defer d) {
            return Optional.empty();
        }
    }

    private static Object value(JsonNode n, Type type, boolean duration) {
        Class<?> raw = raw(type);
        if (n == null || n.isNull()) {
            if (raw.isPrimitive()) {
                throw DEFER;
            }
            return null;
        }
        if (duration) {
            return raw == Duration.class && n.isTextual() ? durationOf(n.textValue()) : defer();
        }
        if (raw == String.class) {
            return n.isTextual() ? n.textValue() : defer();
        }
        if (raw == Integer.class || raw == int.class) {
            return n.isInt() ? n.intValue() : defer();
        }
        if (raw == Long.class || raw == long.class) {
            return n.isInt() || n.isLong() ? n.longValue() : defer();
        }
        if (raw == Double.class || raw == double.class) {
            return n.isInt() || n.isLong() || n.isDouble() ? n.doubleValue() : defer();
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return n.isBoolean() ? n.booleanValue() : defer();
        }
        if (raw == UUID.class) {
            return n.isTextual() ? uuidOf(n.textValue()) : defer();
        }
        if (raw == Instant.class) {
            return n.isTextual() ? instantOf(n.textValue()) : defer();
        }
        if (raw == JsonNode.class) {
            return n;
        }
        if (raw == List.class) {
            if (!n.isArray()) {
                throw DEFER;
            }
            Type element = argument(type, 0);
            List<Object> out = new ArrayList<>(n.size());
            for (JsonNode e : n) {
                out.add(value(e, element, false));
            }
            return out;
        }
        if (raw == Map.class) {
            if (!n.isObject() || argument(type, 0) != String.class) {
                throw DEFER;
            }
            Type valueType = argument(type, 1);
            Map<String, Object> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), value(e.getValue(), valueType, false));
            }
            return out;
        }
        if (raw.isEnum()) {
            return n.isTextual() ? enumOf(raw, n.textValue()) : defer();
        }
        if (raw.isRecord()) {
            return n.isObject() ? record(raw, (ObjectNode) n) : defer();
        }
        if (raw.isInterface() && raw.isAnnotationPresent(JsonTypeInfo.class)) {
            return n.isObject() ? subtype(raw, (ObjectNode) n) : defer();
        }
        throw DEFER;
    }

    /** A record component as the binder reads it: its JSON name, type, and whether it is a {@link DurationText}. */
    private record Component(String name, Type type, boolean primitive, boolean duration) {
    }

    /** How a record binds, worked out once per type; null components when it is always left to databind. */
    private record Shape(Constructor<?> canonical, Component[] components, boolean ignoreUnknown) {
        static Shape of(Class<?> type) {
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (c.isAnnotationPresent(JsonCreator.class)) {
                    return new Shape(null, null, false);
                }
            }
            RecordComponent[] rcs = type.getRecordComponents();
            Component[] components = new Component[rcs.length];
            Class<?>[] types = new Class<?>[rcs.length];
            for (int i = 0; i < rcs.length; i++) {
                Method accessor = rcs[i].getAccessor();
                JsonProperty property = accessor.getAnnotation(JsonProperty.class);
                JsonDeserialize custom = accessor.getAnnotation(JsonDeserialize.class);
                boolean duration = custom != null && custom.using() == DurationText.Deserializer.class;
                if (custom != null && !duration) {
                    return new Shape(null, null, false);
                }
                types[i] = rcs[i].getType();
                components[i] = new Component(property != null && !property.value().isEmpty() ? property.value() : rcs[i].getName(),
                        rcs[i].getGenericType(), types[i].isPrimitive(), duration);
            }
            JsonIgnoreProperties ignore = type.getAnnotation(JsonIgnoreProperties.class);
            try {
                Constructor<?> canonical = type.getDeclaredConstructor(types);
                canonical.setAccessible(true);
                return new Shape(canonical, components, ignore != null && ignore.ignoreUnknown());
            } catch (ReflectiveOperationException | RuntimeException e) {
                return new Shape(null, null, false);
            }
        }
    }

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return Shape.of(type);
        }
    };

    private static Object record(Class<?> type, ObjectNode n) {
        Shape shape = SHAPES.get(type);
        if (shape.components() == null) {
            throw DEFER;
        }
        Component[] components = shape.components();
        Object[] args = new Object[components.length];
        int found = 0;
        for (int i = 0; i < components.length; i++) {
            JsonNode v = n.get(components[i].name());
            if (v != null) {
                found++;
            } else if (components[i].primitive()) {
                throw DEFER;
            }
            args[i] = value(v, components[i].type(), components[i].duration());
        }
        if (found != n.size() && !shape.ignoreUnknown()) {
            throw DEFER;
        }
        try {
            return shape.canonical().newInstance(args);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw DEFER;
        }
    }

    private static Object subtype(Class<?> base, ObjectNode n) {
        JsonTypeInfo info = base.getAnnotation(JsonTypeInfo.class);
        JsonSubTypes subtypes = base.getAnnotation(JsonSubTypes.class);
        if (info.use() != JsonTypeInfo.Id.NAME || info.include() != JsonTypeInfo.As.PROPERTY || info.visible() || subtypes == null) {
            throw DEFER;
        }
        JsonNode id = n.get(info.property());
        if (id == null || !id.isTextual()) {
            throw DEFER;
        }
        for (JsonSubTypes.Type t : subtypes.value()) {
            if (t.name().equals(id.textValue()) || List.of(t.names()).contains(id.textValue())) {
                ObjectNode rest = n.deepCopy();
                rest.remove(info.property());
                return value(rest, t.value(), false);
            }
        }
        throw DEFER;
    }

    /**
     * How an enum reads a text, worked out once per type: databind's {@code @JsonCreator} factory if it has one, else
     * the constants by their {@code @JsonValue} (else by name); null when neither can be read.
     */
    private record EnumShape(Method creator, Map<String, Object> byText) {
        static EnumShape of(Class<?> type) {
            try {
                for (Method m : type.getDeclaredMethods()) {
                    if (m.isAnnotationPresent(JsonCreator.class) && Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 1
                            && m.getParameterTypes()[0] == String.class) {
                        m.setAccessible(true);
                        return new EnumShape(m, null);
                    }
                }
                Method value = null;
                for (Method m : type.getDeclaredMethods()) {
                    if (m.isAnnotationPresent(JsonValue.class) && m.getParameterCount() == 0) {
                        value = m;
                    }
                }
                Map<String, Object> byText = new LinkedHashMap<>();
                for (Object constant : type.getEnumConstants()) {
                    byText.put(value == null ? ((Enum<?>) constant).name() : String.valueOf(value.invoke(constant)), constant);
                }
                return new EnumShape(null, byText);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return new EnumShape(null, null);
            }
        }
    }

    private static final ClassValue<EnumShape> ENUMS = new ClassValue<>() {
        @Override
        protected EnumShape computeValue(Class<?> type) {
            return EnumShape.of(type);
        }
    };

    private static Object enumOf(Class<?> type, String text) {
        EnumShape shape = ENUMS.get(type);
        if (shape.creator() != null) {
            try {
                Object v = shape.creator().invoke(null, text);
                return v != null ? v : defer();
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw DEFER;
            }
        }
        Object constant = shape.byText() == null ? null : shape.byText().get(text);
        return constant != null ? constant : defer();
    }

    private static Duration durationOf(String text) {
        try {
            return DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            throw DEFER;
        }
    }

    /** Only the canonical 36-character form; databind reads others its own way. */
    private static UUID uuidOf(String text) {
        try {
            UUID id = UUID.fromString(text);
            return text.length() == 36 && id.toString().equalsIgnoreCase(text) ? id : defer();
        } catch (IllegalArgumentException e) {
            throw DEFER;
        }
    }

    /** Only UTC instants as {@code Instant.toString()} writes them; databind reads offsets and numbers its own way. */
    private static Instant instantOf(String text) {
        try {
            Instant at = Instant.parse(text);
            return text.endsWith("Z") && at.toString().equals(text) ? at : defer();
        } catch (RuntimeException e) {
            throw DEFER;
        }
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        throw DEFER;
    }

    private static Type argument(Type type, int i) {
        if (type instanceof ParameterizedType p) {
            return p.getActualTypeArguments()[i];
        }
        throw DEFER;
    }

    private static <T> T defer() {
        throw DEFER;
    }
}
