package io.callready.collector.problem;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Turns Jackson's read errors into a 400 problem that names the field ({@code results[3].metrics.rtt_ms}) or the
 * position of a syntax error, in words a client can act on, without Java class names.
 */
public final class JsonErrors {
    static final String BODY = "body";

    private JsonErrors() {
    }

    /** @param enumWireName how an enum constant is spelled on the wire */
    public static Problem toProblem(JsonProcessingException e, Function<Enum<?>, String> enumWireName) {
        JsonProcessingException syntax = syntaxCause(e);
        String field;
        String message;
        if (syntax != null) {
            field = parserPath(syntax);
            if (BODY.equals(field) && e instanceof JsonMappingException mapping) {
                field = pathOf(mapping);
            }
            message = syntax instanceof StreamConstraintsException
                    ? "exceeds a JSON size limit (" + syntax.getOriginalMessage() + ")"
                    : "malformed JSON" + at(syntax.getLocation()) + ": " + readable(syntax.getOriginalMessage());
            return Problem.of(400, message, List.of(new FieldError(field, message)));
        }
        if (!(e instanceof JsonMappingException mapping)) {
            return Problem.of(400, "unreadable JSON body", List.of(new FieldError(BODY, "unreadable JSON")));
        }
        field = pathOf(mapping);
        message = describe(mapping, enumWireName);
        return Problem.of(400, "Invalid " + field + ": " + message, List.of(new FieldError(field, message)));
    }

    /** A syntax or size-limit error, possibly wrapped by the data-binding layer. */
    private static JsonProcessingException syntaxCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamReadException || t instanceof StreamConstraintsException) {
                return (JsonProcessingException) t;
            }
        }
        return null;
    }

    /** Jackson's parser messages, minus the advice about its own feature flags and source excerpts. */
    private static String readable(String message) {
        if (message == null) {
            return "unreadable input";
        }
        if (message.startsWith("Non-standard token")) {
            return "NaN and Infinity are not JSON numbers";
        }
        int junk = message.indexOf(" (start marker at");
        return junk > 0 ? message.substring(0, junk) : message;
    }

    static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(FieldError.clip(ref.getFieldName()));
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? BODY : path.toString();
    }

    /** For syntax errors Jackson gives no path, but the parser still knows where it was. */
    private static String parserPath(JacksonException e) {
        if (!(e.getProcessor() instanceof JsonParser parser)) {
            return BODY;
        }
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext ctx = parser.getParsingContext(); ctx != null && !ctx.inRoot(); ctx = ctx.getParent()) {
            if (ctx.inArray()) {
                parts.add("[" + Math.max(ctx.getCurrentIndex(), 0) + "]");
            } else if (ctx.inObject() && ctx.getCurrentName() != null) {
                parts.add("." + FieldError.clip(ctx.getCurrentName()));
            }
        }
        Collections.reverse(parts);
        String path = String.join("", parts);
        path = path.startsWith(".") ? path.substring(1) : path;
        return path.isEmpty() ? BODY : path;
    }

    private static String describe(JsonMappingException e, Function<Enum<?>, String> enumWireName) {
        if (e instanceof InvalidNullException || isMissingPrimitive(e)) {
            return "is required and must not be null";
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null && format.getTargetType().isEnum()) {
            Object[] constants = format.getTargetType().getEnumConstants();
            List<String> allowed = Arrays.stream(constants).map(c -> enumWireName.apply((Enum<?>) c)).toList();
            return "unknown value '" + FieldError.clip(String.valueOf(format.getValue())) + "', expected one of " + allowed;
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null) {
            return "'" + FieldError.clip(String.valueOf(format.getValue())) + "' is not " + expected(format.getTargetType());
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + expected(mismatch.getTargetType());
        }
        if (e instanceof ValueInstantiationException instantiation) {
            return instantiation.getCause() instanceof NullPointerException
                    ? "contains a null metric or label value"
                    : "invalid value";
        }
        if (e instanceof DatabindException) {
            return "invalid value" + at(e.getLocation());
        }
        return "invalid value";
    }

    /** A number field that is absent or null; Jackson reports it as "Cannot map `null` into type `long`". */
    private static boolean isMissingPrimitive(JsonMappingException e) {
        return e instanceof MismatchedInputException mismatch
                && mismatch.getTargetType() != null && mismatch.getTargetType().isPrimitive()
                && String.valueOf(e.getOriginalMessage()).contains("`null`");
    }

    private static String expected(Class<?> type) {
        if (type == Instant.class || Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 instant such as 2026-01-31T12:00:00Z";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a value of another type";
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
