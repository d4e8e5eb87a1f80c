package io.callready.agent.probe;

import io.callready.wire.plan.ProbeSpec;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;

/**
 * One kind of measurement. Implementations never throw from {@link #run}: whatever goes wrong becomes a
 * result with status {@code failed} (the target could not be measured) or {@code error} (the probe could not
 * run), a reason, and whatever metrics were gathered.
 */
public interface Probe<S extends ProbeSpec> {
    ProbeKind kind();

    /** What the result's {@code target} field says for this spec, e.g. {@code host:port}. */
    String target(S spec);

    ProbeResult run(S spec, ProbeContext context);
}
