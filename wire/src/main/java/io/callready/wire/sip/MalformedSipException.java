package io.callready.wire.sip;

/** Bytes that are not a SIP message we can read. */
public final class MalformedSipException extends Exception {
    public MalformedSipException(String message) {
        super(message);
    }
}
