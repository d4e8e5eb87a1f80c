package io.callready.collector.problem;

import java.io.IOException;

/** An IOException so Jackson passes it through unwrapped when it surfaces from the body stream. */
public final class BodyTooLargeException extends IOException {
    private final long limitBytes;

    BodyTooLargeException(long limitBytes) {
        super("request body exceeds " + limitBytes + " bytes", null);
        this.limitBytes = limitBytes;
    }

    public Problem problem() {
        return BodyLimit.tooLarge(limitBytes);
    }
}
