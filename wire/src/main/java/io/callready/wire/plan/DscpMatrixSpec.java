package io.callready.wire.plan;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Which DSCP marks survive the path, per class and direction: one exchange per class tells the mark that arrived
 * at the reflector (upstream) and the mark the reply, sent with the class, arrived with (downstream).
 *
 * @param reflector {@code host:port}: a CallReady reflector (method callready, port 5004) or any STAMP reflector that
 *                  implements the RFC 8972 Class of Service TLV (method stamp, port 862)
 * @param classes   DSCP values to test, default EF 46, AF41 34, AF31 26, CS3 24 and CS0 0 (the control)
 * @param router    {@code host:port} of a STAMP reflector on the site's router, optional: the same classes measured
 *                  to it tell a change on the LAN side from one beyond the router
 * @param timeout   wait for each reply; each exchange is tried up to three times
 */
public record DscpMatrixSpec(
        String name,
        @JsonDeserialize(using = DurationText.Deserializer.class)
        @JsonSerialize(using = DurationText.Serializer.class)
        Duration interval,
        String reflector,
        Method method,
        List<Integer> classes,
        String router,
        @JsonDeserialize(using = DurationText.Deserializer.class)
        @JsonSerialize(using = DurationText.Serializer.class)
        Duration timeout) implements ProbeSpec {

    public static final List<Integer> DEFAULT_CLASSES = List.of(46, 34, 26, 24, 0);
    public static final int MAX_CLASSES = 16;
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(5);

    /** How the exchange is made: the CallReady probe protocol, or STAMP with the Class of Service TLV. */
    public enum Method {
        CALLREADY, STAMP;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public DscpMatrixSpec {
        SpecChecks.target("reflector", reflector);
        if (name == null || name.isBlank()) {
            name = "dscp-" + reflector;
        }
        interval = interval == null ? Duration.ofHours(1) : interval;
        method = method == null ? Method.CALLREADY : method;
        classes = classes == null || classes.isEmpty() ? DEFAULT_CLASSES : List.copyOf(classes);
        if (classes.size() > MAX_CLASSES || classes.stream().distinct().count() != classes.size()) {
            throw new IllegalArgumentException("classes must be 1.." + MAX_CLASSES + " distinct DSCP values, got " + classes);
        }
        for (int d : classes) {
            if (d < 0 || d > 63) {
                throw new IllegalArgumentException("classes must be DSCP values 0..63, got " + d);
            }
        }
        if (router != null) {
            SpecChecks.target("router", router);
        }
        timeout = timeout == null ? Duration.ofMillis(700) : timeout;
        SpecChecks.interval(interval);
        SpecChecks.timeout(timeout, MAX_TIMEOUT);
    }
}
