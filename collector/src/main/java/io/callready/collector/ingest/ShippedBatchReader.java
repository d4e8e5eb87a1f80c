package io.callready.collector.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.NullNode;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultBatch;
import io.callready.wire.result.ResultStatus;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads a batch as an agent's Shipper writes it straight from the bytes into {@link ProbeResult}s, in one pass
 * without a JSON tree (only {@code details} becomes a tree, as the record holds it). It reads exactly what the
 * data binder would read, and nothing else: at the first thing the binder might read differently or refuse
 * (an unknown or repeated field, a missing one, a value of another JSON type, an id or time in another spelling,
 * more than {@link ResultBatch#MAX_RESULTS} results, a syntax error) it gives up, and the caller reads the batch
 * the general way, which names every fault. So a batch read here gets the same answer as one read there.
 */
final class ShippedBatchReader {
    private static final int METRICS = 8;
    private static final int LABELS = 9;
    private static final int DETAILS = 10;
    /** The binder reads an absent metrics, labels or details as null (the record makes the maps empty); any other absent field it may refuse. */
    private static final int REQUIRED = ((1 << DETAILS + 1) - 1) & ~(1 << METRICS | 1 << LABELS | 1 << DETAILS);
    private static final Map<String, ProbeKind> KINDS = byWireName(ProbeKind.values(), ProbeKind::wireName);
    private static final Map<String, ResultStatus> STATUSES = byWireName(ResultStatus.values(), ResultStatus::wireName);

    /** Thrown inside the reader to give up; never leaves it. */
    private static final class NotPlain extends Exception {
        NotPlain() {
            super(null, null, false, false);
        }
    }

    private static final NotPlain NOT_PLAIN = new NotPlain();
    private static final Map<String, Integer> FIELD_NUMBERS = fieldNumbers();

    private ShippedBatchReader() {
    }

    /** @return the batch's results in order, or null when the batch is not plainly readable here */
    static List<ProbeResult> read(byte[] body, ObjectMapper mapper) {
        JsonFactory factory = mapper.getFactory();
        ObjectReader details = mapper.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        boolean failOnUnknown = mapper.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try (JsonParser p = factory.createParser(body)) {
            // Correctly rounded like the JDK's parser, so the same doubles, without its big-number allocations.
            p.enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER.mappedFeature());
            expect(p.nextToken(), JsonToken.START_OBJECT);
            if (p.nextToken() != JsonToken.FIELD_NAME || !"results".equals(p.currentName())) {
                return null;
            }
            expect(p.nextToken(), JsonToken.START_ARRAY);
            List<ProbeResult> results = new ArrayList<>();
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                expect(t, JsonToken.START_OBJECT);
                if (results.size() == ResultBatch.MAX_RESULTS) {
                    return null;
                }
                results.add(result(p, details, failOnUnknown));
            }
            expect(p.nextToken(), JsonToken.END_OBJECT);
            if (results.isEmpty() || p.nextToken() != null) {
                return null;
            }
            return results;
        } catch (NotPlain | IOException | RuntimeException e) {
            // The general reader reads the batch again and names what is wrong, if anything.
            return null;
        }
    }

    /** One result object, the parser on its START_OBJECT. */
    private static ProbeResult result(JsonParser p, ObjectReader detailsReader, boolean failOnUnknown) throws IOException, NotPlain {
        UUID id = null;
        String agentId = null;
        ProbeKind kind = null;
        String target = null;
        Instant startedAt = null;
        long durationMs = 0;
        ResultStatus status = null;
        String reason = null;
        Map<String, Double> metrics = null;
        Map<String, String> labels = null;
        JsonNode details = null;
        int seen = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            Integer field = FIELD_NUMBERS.get(name);
            if (field == null) {
                // A field from a newer agent: the binder ignores it, unless told to refuse it.
                if (failOnUnknown) {
                    throw NOT_PLAIN;
                }
                p.skipChildren();
                continue;
            }
            if ((seen & 1 << field) != 0) {
                throw NOT_PLAIN;
            }
            seen |= 1 << field;
            switch (field) {
                case 0 -> id = uuid(text(p, value));
                case 1 -> agentId = text(p, value);
                case 2 -> kind = known(KINDS, text(p, value));
                case 3 -> target = text(p, value);
                case 4 -> startedAt = instant(text(p, value));
                case 5 -> durationMs = wholeNumber(p, value);
                case 6 -> status = known(STATUSES, text(p, value));
                case 7 -> reason = text(p, value);
                case 8 -> metrics = metrics(p, value);
                case 9 -> labels = labels(p, value);
                default -> details = value == JsonToken.VALUE_NULL ? NullNode.getInstance() : detailsReader.readValue(p);
            }
        }
        if ((seen & REQUIRED) != REQUIRED) {
            throw NOT_PLAIN;
        }
        return new ProbeResult(id, agentId, kind, target, startedAt, durationMs, status, reason, metrics, labels, details);
    }

    private static Map<String, Double> metrics(JsonParser p, JsonToken start) throws IOException, NotPlain {
        expect(start, JsonToken.START_OBJECT);
        List<Map.Entry<String, Double>> metrics = new ArrayList<>(40);
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String key = p.currentName();
            JsonToken value = p.nextToken();
            if (value != JsonToken.VALUE_NUMBER_FLOAT && value != JsonToken.VALUE_NUMBER_INT) {
                throw NOT_PLAIN;
            }
            metrics.add(Map.entry(key, p.getDoubleValue()));
        }
        return immutable(metrics);
    }

    /** The record's own immutable copy, made once; a repeated key (the binder keeps the last) is left to the binder. */
    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> immutable(List<Map.Entry<String, V>> entries) throws NotPlain {
        try {
            return Map.ofEntries(entries.toArray(new Map.Entry[0]));
        } catch (IllegalArgumentException duplicate) {
            throw NOT_PLAIN;
        }
    }

    private static Map<String, String> labels(JsonParser p, JsonToken start) throws IOException, NotPlain {
        expect(start, JsonToken.START_OBJECT);
        List<Map.Entry<String, String>> labels = new ArrayList<>(8);
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String key = p.currentName();
            labels.add(Map.entry(key, text(p, p.nextToken())));
        }
        return immutable(labels);
    }

    private static String text(JsonParser p, JsonToken value) throws IOException, NotPlain {
        expect(value, JsonToken.VALUE_STRING);
        return p.getText();
    }

    /** A long as the binder reads a JSON integer: no fraction, no quotes, within long. */
    private static long wholeNumber(JsonParser p, JsonToken value) throws IOException, NotPlain {
        expect(value, JsonToken.VALUE_NUMBER_INT);
        JsonParser.NumberType type = p.getNumberType();
        if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
            throw NOT_PLAIN;
        }
        return p.getLongValue();
    }

    /** The canonical 8-4-4-4-12 hex form only (the binder also reads other spellings, and names faults). */
    private static UUID uuid(String text) throws NotPlain {
        if (text.length() != 36) {
            throw NOT_PLAIN;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (dash ? c != '-' : !hex) {
                throw NOT_PLAIN;
            }
        }
        return UUID.fromString(text);
    }

    /** ISO-8601 in UTC with a Z, as the agent writes it; the binder parses that with {@link Instant#parse}'s formatter. */
    private static Instant instant(String text) throws NotPlain {
        if (text.isEmpty() || text.charAt(text.length() - 1) != 'Z' || text.charAt(0) < '0' || text.charAt(0) > '9') {
            throw NOT_PLAIN;
        }
        Instant usual = UtcInstantText.parse(text);
        if (usual != null) {
            return usual;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw NOT_PLAIN;
        }
    }

    private static <E> E known(Map<String, E> byName, String name) throws NotPlain {
        E constant = byName.get(name);
        if (constant == null) {
            throw NOT_PLAIN;
        }
        return constant;
    }

    private static void expect(JsonToken actual, JsonToken expected) throws NotPlain {
        if (actual != expected) {
            throw NOT_PLAIN;
        }
    }

    private static Map<String, Integer> fieldNumbers() {
        String[] names = {"id", "agentId", "kind", "target", "startedAt", "durationMs", "status", "reason", "metrics", "labels", "details"};
        Map<String, Integer> numbers = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            numbers.put(names[i], i);
        }
        return Map.copyOf(numbers);
    }

    private static <E> Map<String, E> byWireName(E[] constants, Function<E, String> wireName) {
        Map<String, E> byName = new HashMap<>();
        for (E c : constants) {
            byName.put(wireName.apply(c), c);
        }
        return Map.copyOf(byName);
    }
}
