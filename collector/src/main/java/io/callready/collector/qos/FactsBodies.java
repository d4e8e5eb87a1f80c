package io.callready.collector.qos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.callready.collector.problem.EnumWireNames;
import io.callready.collector.problem.FieldError;
import io.callready.collector.problem.JsonErrors;
import io.callready.collector.problem.Problem;
import io.callready.collector.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.ZoneId;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and checks site-facts bodies strictly: unknown keys, unknown zones and negative counts are 400s naming the field. */
@ApplicationScoped
public class FactsBodies {
    /** Beyond any site a CallReady agent can size for; larger is a typo. */
    static final int MAX_CALLS = 100_000;
    private static final Pattern PROFILE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private final ObjectMapper strict;
    @Inject
    EnumWireNames enumWireNames;

    @Inject
    public FactsBodies(ObjectMapper mapper) {
        strict = mapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw ProblemException.badRequest("body", "is empty; send a JSON object");
        }
        T value;
        try {
            value = strict.readValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            String key = FieldError.clip(e.getPropertyName());
            throw ProblemException.badRequest(key, "unknown key; known keys here: " + e.getKnownPropertyIds());
        } catch (JsonProcessingException e) {
            Problem p = JsonErrors.toProblem(e, enumWireNames::of);
            throw ProblemException.badRequest(p.detail(), p.errors());
        }
        if (value == null) {
            throw ProblemException.badRequest("body", "must be a JSON object");
        }
        return value;
    }

    /** An IANA region id (Europe/Berlin) or UTC; offsets such as +01:00 have no daylight saving and are refused. */
    static String zone(String field, String zone) {
        if (zone == null) {
            return null;
        }
        if (!ZONES.contains(zone)) {
            throw ProblemException.badRequest(field, "'" + FieldError.clip(zone) + "' is not an IANA time zone; write one such as Europe/Berlin or UTC");
        }
        return zone;
    }

    static Integer calls(String field, Integer calls) {
        if (calls != null && (calls < 0 || calls > MAX_CALLS)) {
            throw ProblemException.badRequest(field, "must be between 0 and " + MAX_CALLS + " simultaneous calls, was " + calls);
        }
        return calls;
    }

    static String profile(String profile) {
        if (profile != null && !PROFILE.matcher(profile).matches()) {
            throw ProblemException.badRequest("profile", "'" + FieldError.clip(profile)
                    + "' is not a profile name: lower-case letters, digits, '.', '_' and '-', at most 100");
        }
        return profile;
    }
}
