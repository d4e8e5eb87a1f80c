package io.callready.agent.probe.sip;

import java.util.Set;

/** How one answered (or unanswered) OPTIONS counts toward readiness. */
public enum TargetOutcome {
    /** 2xx. */
    OK,
    /** 401/403/404/405/407: the server is there and speaking SIP; it just will not serve an anonymous OPTIONS. */
    REACHABLE_REFUSED,
    /** Any other final response: reachable, but the server reports a problem (e.g. 503). */
    REACHABLE_ERROR,
    /** No usable response. */
    UNREACHABLE;

    private static final Set<Integer> PROOF_OF_LIFE = Set.of(401, 403, 404, 405, 407);

    public static TargetOutcome of(Exchange e) {
        if (e.response() == null) return UNREACHABLE;
        int code = e.response().statusCode();
        if (code >= 200 && code < 300) return OK;
        if (PROOF_OF_LIFE.contains(code)) return REACHABLE_REFUSED;
        return REACHABLE_ERROR;
    }

    public boolean reachable() {
        return this != UNREACHABLE;
    }
}
