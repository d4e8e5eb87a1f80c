package io.callready.agent.probe;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callready.wire.plan.RtpBurstSpec;
import io.callready.wire.result.MetricNames;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultRules;
import io.callready.wire.result.ResultStatus;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every result a probe makes goes through {@link ProbeRun#finish}: whatever text a remote peer or an exception put
 * into target, reason, labels and details, the result passes the collector's rules.
 */
class ProbeRunTextTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final ProbeContext CONTEXT = new ProbeContext("agent-1", Clock.fixed(NOW, ZoneOffset.UTC), m -> {
    });

    @Test
    void randomTextFromTheNetworkAlwaysGivesAStorableResult() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 5000; i++) {
            ProbeRun run = new ProbeRun(ProbeKind.SIP_OPTIONS, text(random, random.nextInt(0, 300)), CONTEXT);
            ObjectNode details = JsonNodeFactory.instance.objectNode();
            details.put(text(random, 8), text(random, random.nextInt(0, 500)));
            details.putArray("headers").add(text(random, 100)).addObject().put(text(random, 4), text(random, 40));
            ProbeResult r = run.finish(ResultStatus.values()[random.nextInt(ResultStatus.values().length)],
                    text(random, random.nextInt(0, 4000)), Map.of(MetricNames.DNS_MS, 1.0),
                    Map.of(MetricNames.LABEL_PROFILE, text(random, random.nextInt(0, 400)),
                            MetricNames.LABEL_VERDICT, text(random, 10)), details);
            assertThat(ResultRules.check(r, NOW, ResultRules.Window.DEFAULT)).as("%s", r).isEmpty();
        }
    }

    @Test
    void anExceptionMessageWithAnyTextGivesAStorableErrorResult() {
        SplittableRandom random = new SplittableRandom(7);
        RtpBurstSpec spec = new RtpBurstSpec("hq", null, "192.0.2.1:5004", null, null, Duration.ofSeconds(1), null);
        for (int i = 0; i < 1000; i++) {
            String message = text(random, random.nextInt(0, 3000));
            ProbeRegistry registry = new ProbeRegistry().register(RtpBurstSpec.class, new Probe<>() {
                @Override
                public ProbeKind kind() {
                    return ProbeKind.RTP_BURST;
                }

                @Override
                public String target(RtpBurstSpec s) {
                    return s.reflector();
                }

                @Override
                public ProbeResult run(RtpBurstSpec s, ProbeContext context) {
                    throw new IllegalStateException(message);
                }
            });
            ProbeResult r = registry.run(spec, CONTEXT);
            assertThat(r.status()).isEqualTo(ResultStatus.ERROR);
            assertThat(ResultRules.check(r, NOW, ResultRules.Window.DEFAULT)).as("%s", r).isEmpty();
        }
    }

    @Test
    void theEscapeIsVisibleInTheResult() {
        ProbeResult r = new ProbeRun(ProbeKind.SIP_OPTIONS, "sip:\u001b[31mred", CONTEXT)
                .finish(ResultStatus.FAILED, "server said \"O\u0000K\"\r\n");
        assertThat(r.target()).isEqualTo("sip:\\u001b[31mred");
        assertThat(r.reason()).isEqualTo("server said \"O\\u0000K\"\\r\n");
    }

    /** Mostly what breaks things: C0 and C1 controls, DEL, lone and paired surrogates, and some plain text. */
    private static String text(SplittableRandom random, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(6)) {
                case 0 -> s.append((char) random.nextInt(0, 0x20));
                case 1 -> s.append((char) random.nextInt(0x7F, 0xA0));
                case 2 -> s.append((char) random.nextInt(0xD800, 0xE000));
                case 3 -> s.appendCodePoint(random.nextInt(0x10000, 0x110000));
                case 4 -> s.append((char) random.nextInt(0x20, 0x7F));
                default -> s.append((char) random.nextInt(0xA0, 0xD800));
            }
        }
        return s.toString();
    }
}
