package io.callready.wire.rtp;

/** A datagram that is not a CallReady probe packet. Checked: every decoder caller must decide what to count. */
public class MalformedPacketException extends Exception {
    public MalformedPacketException(String message) {
        super(message, null, false, false);
    }
}
