package io.callready.wire.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.callready.wire.result.ProbeResult;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * A result and a batch of them ({@code {"results": [...]}}) written as databind writes them ({@code @JsonInclude(NON_NULL)},
 * durations of no type here), with jackson-core alone; {@code ResultJsonTest} holds the two to the same documents.
 */
public final class ResultJson {
    private static final JsonFactory JSON = new JsonFactory();

    private ResultJson() {
    }

    public static byte[] write(ProbeResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(g, result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] writeBatch(List<ProbeResult> results) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024 * results.size());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("results");
            for (ProbeResult r : results) {
                write(g, r);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, ProbeResult r) throws IOException {
        g.writeStartObject();
        text(g, "id", r.id() == null ? null : r.id().toString());
        text(g, "agentId", r.agentId());
        text(g, "kind", r.kind() == null ? null : r.kind().wireName());
        text(g, "target", r.target());
        text(g, "startedAt", r.startedAt() == null ? null : r.startedAt().toString());
        g.writeNumberField("durationMs", r.durationMs());
        text(g, "status", r.status() == null ? null : r.status().wireName());
        text(g, "reason", r.reason());
        g.writeObjectFieldStart("metrics");
        for (Map.Entry<String, Double> m : r.metrics().entrySet()) {
            g.writeNumberField(m.getKey(), m.getValue());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("labels");
        for (Map.Entry<String, String> l : r.labels().entrySet()) {
            g.writeStringField(l.getKey(), l.getValue());
        }
        g.writeEndObject();
        if (r.details() != null) {
            g.writeFieldName("details");
            JsonTrees.write(g, r.details());
        }
        g.writeEndObject();
    }

    private static void text(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }
}
