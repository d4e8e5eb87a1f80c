package io.callready.wire.result;

import java.util.List;

/** Body of {@code POST /api/v1/results}. */
public record ResultBatch(List<ProbeResult> results) {

    /** Largest batch the collector accepts; the agent never sends more. */
    public static final int MAX_RESULTS = 1000;
}
