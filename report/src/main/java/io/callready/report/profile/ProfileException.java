package io.callready.report.profile;

/** A profile that cannot be found or read; the message names the file, line and key. */
public final class ProfileException extends Exception {
    public ProfileException(String message) {
        super(message);
    }
}
