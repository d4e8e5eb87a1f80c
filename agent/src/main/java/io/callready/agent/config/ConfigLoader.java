package io.callready.agent.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.callready.wire.Json;
import io.callready.wire.json.RecordBinder;
import io.callready.wire.plan.ProbeSpec;
import io.callready.wire.plan.SnmpVersion;
import io.callready.wire.plan.TrafficSource;
import io.callready.wire.plan.WanTrafficSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the agent's YAML config strictly: unknown keys, duplicate keys, values of the wrong type (no string-to-number
 * or number-to-string coercion, no truncated floats) and invalid values are errors. Every error is one
 * {@link ConfigException} naming the file, line:column and key path.
 */
public final class ConfigLoader {
    private static final Pattern SNAKEYAML_MARK = Pattern.compile("^ in '[^']*', line (\\d+), column (\\d+)");

    /** Built only for a file the quick path leaves to databind (a fault to explain, or a shape it does not bind). */
    private ObjectMapper mapper;

    private ObjectMapper mapper() {
        if (mapper == null) {
            mapper = strictMapper();
        }
        return mapper;
    }

    static ObjectMapper strictMapper() {
        YAMLMapper mapper = YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        // each kind of value accepts only its own YAML scalar shape: "20" is not a number, 20 is not text
        acceptOnly(mapper, LogicalType.Integer, CoercionInputShape.Integer);
        acceptOnly(mapper, LogicalType.Float, CoercionInputShape.Integer, CoercionInputShape.Float);
        acceptOnly(mapper, LogicalType.Boolean, CoercionInputShape.Boolean);
        acceptOnly(mapper, LogicalType.Textual, CoercionInputShape.String);
        acceptOnly(mapper, LogicalType.Enum, CoercionInputShape.String);
        return Json.configure(mapper);
    }

    private static void acceptOnly(ObjectMapper mapper, LogicalType type, CoercionInputShape... accepted) {
        List<CoercionInputShape> ok = List.of(accepted);
        for (CoercionInputShape shape : List.of(CoercionInputShape.String, CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean, CoercionInputShape.EmptyString)) {
            mapper.coercionConfigFor(type).setCoercion(shape, ok.contains(shape) ? CoercionAction.TryConvert : CoercionAction.Fail);
        }
    }

    public AgentConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + IoErrors.describe(e));
        }
        return parse(text, file.toString());
    }

    public AgentConfig parse(String yaml, String source) throws ConfigException {
        YamlPositions positions = new YamlPositions(yaml);
        JsonNode root = YamlTrees.quick(yaml);
        try {
            if (root == null) {
                root = mapper().readTree(yaml);
            }
        } catch (JacksonException e) {
            Optional<YamlPositions.Duplicate> duplicate = positions.firstDuplicateKey();
            if (duplicate.isPresent()) {
                throw duplicateKey(source, duplicate.get());
            }
            throw syntaxError(e, source);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ConfigException(source, 1, 1, "", "the config file is empty; it needs agent, collector and plan sections");
        }
        if (!root.isObject()) {
            throw new ConfigException(source, 1, 1, "", "the config file must be a YAML mapping with agent, collector and plan sections");
        }
        checkUniqueProbeNames(root, positions, source);
        AgentConfig config = RecordBinder.bind(root, AgentConfig.class).orElse(null);
        try {
            if (config == null) {
                config = mapper().treeToValue(root, AgentConfig.class);
            }
        } catch (DatabindException e) {
            throw new BindingErrors(mapper()).explain(e, root, positions, source);
        } catch (JacksonException e) {
            throw new ConfigException(source, 1, 1, "", firstLine(e.getOriginalMessage()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source, 1, 1, "", e.getMessage());
        }
        checkCredentialNames(config, positions, source);
        return config;
    }

    /** A local {@code wan_traffic} probe must name credentials this file holds, of the kind its version speaks. */
    private static void checkCredentialNames(AgentConfig config, YamlPositions positions, String source) throws ConfigException {
        List<ProbeSpec> probes = config.plan().probes();
        for (int i = 0; i < probes.size(); i++) {
            if (!(probes.get(i) instanceof WanTrafficSpec wan) || wan.source() != TrafficSource.SNMP) {
                continue;
            }
            SnmpCredentials secret = config.snmpCredentials().get(wan.credentials());
            String problem = null;
            if (secret == null) {
                problem = "'" + wan.credentials() + "' is not an entry of snmp_credentials"
                        + (config.snmpCredentials().isEmpty() ? " (there is none)" : "; it has " + String.join(", ",
                        new java.util.TreeSet<>(config.snmpCredentials().keySet())));
            } else if (secret.isV3() != (wan.version() == SnmpVersion.V3)) {
                problem = "'" + wan.credentials() + "' holds " + (secret.isV3() ? "a v3 user" : "a v2c community") + " but the probe's version is "
                        + wan.version().wireName();
            }
            if (problem != null) {
                List<Object> path = List.of("plan", "probes", i, "credentials");
                YamlPositions.Position at = positions.locate(path);
                throw new ConfigException(source, at.line(), at.column(), YamlPositions.format(path), problem);
            }
        }
    }

    /**
     * SnakeYAML reports "context, mark, snippet, problem, mark, snippet" over several lines; this keeps the
     * problem and its context as one sentence and points at the problem's mark.
     */
    private static ConfigException syntaxError(JacksonException e, String source) {
        List<String> text = new ArrayList<>();
        int line = 0;
        int column = 0;
        for (String l : String.valueOf(e.getOriginalMessage()).split("\n")) {
            Matcher mark = SNAKEYAML_MARK.matcher(l);
            if (mark.find()) {
                line = Integer.parseInt(mark.group(1));
                column = Integer.parseInt(mark.group(2));
            } else if (!l.isBlank() && !Character.isWhitespace(l.charAt(0))) {
                text.add(l.strip());
            }
        }
        if (line == 0) {
            JsonLocation at = e.getLocation();
            line = at == null ? 1 : Math.max(1, at.getLineNr());
            column = at == null ? 1 : Math.max(1, at.getColumnNr());
        }
        String problem = text.isEmpty() ? "unreadable" : text.getLast();
        if (text.size() > 1) {
            problem += " (" + text.getFirst() + ")";
        }
        return new ConfigException(source, line, column, "", "not valid YAML: " + problem);
    }

    private static ConfigException duplicateKey(String source, YamlPositions.Duplicate d) {
        return new ConfigException(source, d.position().line(), d.position().column(), YamlPositions.format(d.path()),
                "key appears twice in the same mapping; keep one");
    }

    private static void checkUniqueProbeNames(JsonNode root, YamlPositions positions, String source) throws ConfigException {
        JsonNode probes = root.path("plan").path("probes");
        if (!probes.isArray()) {
            return;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < probes.size(); i++) {
            JsonNode name = probes.get(i).path("name");
            if (!name.isTextual()) {
                continue;
            }
            Integer first = seen.putIfAbsent(name.asText(), i);
            if (first != null) {
                List<Object> path = List.of("plan", "probes", i, "name");
                YamlPositions.Position at = positions.locate(path);
                throw new ConfigException(source, at.line(), at.column(), YamlPositions.format(path),
                        "probe name '" + name.asText() + "' is already used by plan.probes[" + first + "]; names must be unique");
            }
        }
    }

    static String firstLine(String message) {
        if (message == null) return "invalid";
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
