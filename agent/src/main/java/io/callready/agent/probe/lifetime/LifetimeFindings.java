package io.callready.agent.probe.lifetime;

import io.callready.wire.result.MetricNames;
import io.callready.wire.result.ResultStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Binding lifetimes judged against what the provider needs, with the consequence in words a customer understands.
 * Without a provider requirement the yardstick is RFC 4787 REQ-5: a mapping must not expire in under 2 minutes.
 */
public record LifetimeFindings(ResultStatus status, String reason, Map<String, Double> metrics) {
    static final Duration RFC4787_MINIMUM = Duration.ofMinutes(2);

    /** What the provider asks for; any may be null. */
    public record Needs(Duration keepaliveInterval, Duration minUdpTimeout, Duration minRtpTimeout) {
    }

    public static LifetimeFindings of(LifetimeOutcome twoWay, LifetimeOutcome oneWay, Needs needs) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(MetricNames.BINDING_CAP_MS, (double) twoWay.capMs());
        put(m, twoWay, MetricNames.BINDING_SURVIVED_TWO_WAY_MS, MetricNames.BINDING_EXPIRED_TWO_WAY_MS);
        put(m, oneWay, MetricNames.BINDING_SURVIVED_ONE_WAY_MS, MetricNames.BINDING_EXPIRED_ONE_WAY_MS);
        if (twoWay.problem().isPresent() && oneWay.problem().isPresent()) {
            return new LifetimeFindings(ResultStatus.FAILED, twoWay.problem().get(), m);
        }
        List<String> facts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        facts.add(describe("a mapping with two-way traffic (a registration)", twoWay));
        facts.add(describe("a mapping with one outbound packet only (one-way RTP)", oneWay));
        twoWay.expiredMs().ifPresent(expired -> {
            String forgets = "the router forgets an idle registration's mapping after " + bracket(twoWay);
            if (needs.keepaliveInterval() != null && expired <= needs.keepaliveInterval().toMillis()) {
                problems.add("inbound calls will not ring after about " + seconds(twoWay.survivedMs()) + " s idle: " + forgets
                        + ", before the provider's " + seconds(needs.keepaliveInterval().toMillis()) + " s keepalive refreshes it");
            }
            minimum(needs.minUdpTimeout(), expired).ifPresent(min -> problems.add(forgets + ", below the " + min.name()
                    + "; inbound calls are lost whenever the phone's keepalives are further apart"
                    + "; fix: raise the router's UDP (session) timeout to at least " + seconds(min.ms()) + " s"));
        });
        oneWay.expiredMs().ifPresent(expired -> {
            Duration need = needs.minRtpTimeout() != null ? needs.minRtpTimeout() : needs.minUdpTimeout();
            minimum(need, expired).ifPresent(min -> problems.add("RTP flowing one way only (on hold, "
                    + "a receive-only phone) loses its mapping after " + bracket(oneWay) + ", below the " + min.name()
                    + ": audio may not come back after a hold that long; fix: raise the router's UDP timeout for unanswered flows to at least "
                    + seconds(min.ms()) + " s"));
        });
        if (needs.minUdpTimeout() != null && twoWay.expiredMs().isEmpty() && twoWay.problem().isEmpty()
                && twoWay.survivedMs() < needs.minUdpTimeout().toMillis()) {
            facts.add("the provider's minimum of " + seconds(needs.minUdpTimeout().toMillis()) + " s is longer than this search's cap: "
                    + "not verified (the full search runs in run mode)");
        }
        List<String> all = new ArrayList<>(facts);
        twoWay.problem().ifPresent(all::add);
        oneWay.problem().ifPresent(all::add);
        all.addAll(problems);
        ResultStatus status = !problems.isEmpty() ? ResultStatus.DEGRADED
                : twoWay.problem().isPresent() || oneWay.problem().isPresent() ? ResultStatus.FAILED : ResultStatus.OK;
        return new LifetimeFindings(status, String.join("; ", all), m);
    }

    private record Minimum(String name, long ms) {
    }

    /** The provider's minimum when it states one, else RFC 4787's; present when the mapping expired before it. */
    private static Optional<Minimum> minimum(Duration provider, long expiredMs) {
        Minimum min = provider != null
                ? new Minimum("provider's minimum of " + seconds(provider.toMillis()) + " s", provider.toMillis())
                : new Minimum("RFC 4787 minimum of " + seconds(RFC4787_MINIMUM.toMillis()) + " s", RFC4787_MINIMUM.toMillis());
        return expiredMs < min.ms() ? Optional.of(min) : Optional.empty();
    }

    private static void put(Map<String, Double> m, LifetimeOutcome o, String survived, String expired) {
        if (o.problem().isPresent()) return;
        m.put(survived, (double) o.survivedMs());
        o.expiredMs().ifPresent(e -> m.put(expired, (double) e));
    }

    private static String describe(String what, LifetimeOutcome o) {
        if (o.problem().isPresent()) return what + ": not measured";
        return o.expiredMs().map(e -> what + " expired after " + bracket(o) + " idle")
                .orElse(what + " survived " + seconds(o.survivedMs()) + " s idle (the longest tried)");
    }

    /** "24–29 s": survived the first, gone by the second. */
    static String bracket(LifetimeOutcome o) {
        return seconds(o.survivedMs()) + "–" + seconds(o.expiredMs().orElseThrow()) + " s";
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.0f", ms / 1000.0);
    }
}
