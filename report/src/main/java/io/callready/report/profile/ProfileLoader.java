package io.callready.report.profile;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds a profile by built-in name ({@code /profiles/NAME.yaml} in the report module, shared by agent and collector) or by file path, and reads it
 * strictly: unknown keys, duplicate keys and bad values are errors naming the file, line and key.
 */
public final class ProfileLoader {
    public static final List<String> BUILT_IN = List.of("smartalex", "dialstack", "3cx", "flowroute", "hosted-pbx");

    private final ObjectMapper mapper = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    /** @param nameOrPath a built-in name, or a path to a YAML file (anything containing '/' or ending in .yaml/.yml) */
    public ProviderProfile load(String nameOrPath) throws ProfileException {
        boolean path = nameOrPath.contains("/") || nameOrPath.endsWith(".yaml") || nameOrPath.endsWith(".yml");
        if (path) {
            try {
                return parse(Files.readString(Path.of(nameOrPath), StandardCharsets.UTF_8), nameOrPath);
            } catch (IOException e) {
                throw new ProfileException("cannot read profile file " + nameOrPath + ": " + e.getMessage());
            }
        }
        try (InputStream in = ProfileLoader.class.getResourceAsStream("/profiles/" + nameOrPath + ".yaml")) {
            if (in == null) {
                throw new ProfileException("no built-in profile '" + nameOrPath + "'; built in: " + String.join(", ", BUILT_IN)
                        + "; or give the path of your own profile file");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), nameOrPath + " (built in)");
        } catch (IOException e) {
            throw new ProfileException("cannot read built-in profile " + nameOrPath + ": " + e.getMessage());
        }
    }

    public ProviderProfile parse(String yaml, String source) throws ProfileException {
        try {
            ProviderProfile p = mapper.readValue(yaml, ProviderProfile.class);
            if (p == null) {
                throw new ProfileException(source + ": the profile is empty");
            }
            return p;
        } catch (JsonMappingException e) {
            throw new ProfileException(source + at(e.getLocation()) + ": " + path(e) + cause(e));
        } catch (JacksonException e) {
            throw new ProfileException(source + at(e.getLocation()) + ": not valid YAML: " + firstLine(e.getOriginalMessage()));
        }
    }

    private static String at(JsonLocation l) {
        return l == null || l.getLineNr() < 1 ? "" : ":" + l.getLineNr() + ":" + l.getColumnNr();
    }

    private static String path(JsonMappingException e) {
        String p = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return p.isEmpty() ? "" : p + ": ";
    }

    private static String cause(JsonMappingException e) {
        Throwable c = e.getCause();
        if (c instanceof IllegalArgumentException) {
            return c.getMessage();
        }
        String m = firstLine(e.getOriginalMessage());
        if (m.startsWith("Unrecognized field")) {
            return "unknown key";
        }
        int explained = m.indexOf("\": ");
        if (m.startsWith("Cannot deserialize") && explained > 0) {
            return m.substring(explained + 3);
        }
        return m;
    }

    private static String firstLine(String s) {
        if (s == null) return "invalid";
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
