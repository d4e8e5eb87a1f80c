package io.callready.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The chart rendered by helm-java (release "cr") and parsed into its manifests, with the lookups the tests share. */
record RenderedChart(List<JsonNode> manifests) {
    static final Path CHART = Path.of(System.getProperty("callready.root", "..")).resolve("helm/callready");
    static final String RELEASE = "cr";
    static final List<String> WORKLOADS = List.of("Deployment", "StatefulSet");

    /** Renders with "key=value" settings. */
    static RenderedChart render(String... settings) {
        TemplateCommand template = new Helm(CHART).template().withName(RELEASE);
        for (String setting : settings) {
            String[] kv = setting.split("=", 2);
            template = template.set(kv[0], kv[1]);
        }
        return parse(template.call());
    }

    static RenderedChart parse(String yaml) {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RenderedChart(docs);
    }

    List<JsonNode> ofKind(String kind) {
        return manifests.stream().filter(m -> m.path("kind").asText().equals(kind)).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(m -> m.path("metadata").path("name").asText().equals(name)).findFirst();
    }

    JsonNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + names()));
    }

    List<String> names() {
        return manifests.stream().map(m -> m.path("kind").asText() + "/" + m.path("metadata").path("name").asText()).toList();
    }

    /** Pod template labels of every Deployment and StatefulSet, by workload name. */
    Map<String, JsonNode> podTemplates() {
        Map<String, JsonNode> pods = new LinkedHashMap<>();
        for (JsonNode m : manifests) {
            if (WORKLOADS.contains(m.path("kind").asText())) {
                pods.put(m.path("metadata").path("name").asText(), m.path("spec").path("template"));
            }
        }
        return pods;
    }

    static JsonNode container(JsonNode workload, String name) {
        for (JsonNode c : workload.path("spec").path("template").path("spec").path("containers")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no container " + name);
    }

    /** A container's plain env values and, for secret references, "secret:NAME/KEY". */
    static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode e : container.path("env")) {
            JsonNode ref = e.path("valueFrom").path("secretKeyRef");
            env.put(e.path("name").asText(), ref.isMissingNode()
                    ? e.path("value").asText() : "secret:" + ref.path("name").asText() + "/" + ref.path("key").asText());
        }
        return env;
    }

    /** Kubernetes label-selector semantics for matchLabels (the chart uses no matchExpressions). */
    static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.has("matchExpressions")) {
            throw new AssertionError("matchExpressions not evaluated here: " + selector);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = selector.path("matchLabels").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> want = it.next();
            if (!want.getValue().asText().equals(labels.path(want.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    /** Workload names whose pods a Service's selector (a plain label map) selects. */
    List<String> selectedByService(JsonNode service) {
        JsonNode labels = service.path("spec").path("selector");
        if (labels.isEmpty()) {
            throw new AssertionError("service without selector: " + service.path("metadata").path("name"));
        }
        return selected(new YAMLMapper().createObjectNode().set("matchLabels", labels));
    }

    /** Workload names whose pods the selector selects. */
    List<String> selected(JsonNode selector) {
        return podTemplates().entrySet().stream()
                .filter(p -> selects(selector, p.getValue().path("metadata").path("labels"))).map(Map.Entry::getKey).toList();
    }
}
