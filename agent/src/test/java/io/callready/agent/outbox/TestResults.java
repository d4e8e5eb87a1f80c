package io.callready.agent.outbox;

import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

final class TestResults {
    private TestResults() {
    }

    static ProbeResult result(Instant startedAt) {
        return new ProbeResult(UUID.randomUUID(), "5d0c8a4e-7f31-4a7e-9c55-1f8b6f0d2a11", ProbeKind.RTP_BURST,
                "reflector.example.net:5004", startedAt, 10_000, ResultStatus.OK, "all graded metrics good",
                Map.of("rtt_ms", 12.5, "mos", 4.39), Map.of("codec", "pcmu"), null);
    }
}
