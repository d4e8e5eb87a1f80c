package io.callready.agent.lab;

import io.callready.agent.probe.ProbeContext;
import io.callready.agent.probe.ProbeRegistry;
import io.callready.wire.Json;
import io.callready.wire.plan.ProbeSpec;

/**
 * Runs one probe spec (JSON, the plan's form) inside a lab namespace and prints the result JSON on one line, so a lab
 * test can read every metric and detail of it: {@code ProbeOnceMain '{"kind": "dscp_matrix", ...}'}.
 */
public final class ProbeOnceMain {
    private ProbeOnceMain() {
    }

    public static void main(String[] args) throws Exception {
        ProbeSpec spec = Json.newMapper().readValue(args[0], ProbeSpec.class);
        System.out.println(Json.newMapper().writeValueAsString(ProbeRegistry.standard().run(spec, ProbeContext.quiet("lab"))));
    }
}
