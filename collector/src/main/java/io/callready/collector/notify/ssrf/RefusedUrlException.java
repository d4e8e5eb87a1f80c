package io.callready.collector.notify.ssrf;

/** A receiver URL the SSRF guard will not connect to; the message says why, for the API caller. */
public final class RefusedUrlException extends Exception {
    public RefusedUrlException(String reason) {
        super(reason, null, false, false);
    }
}
