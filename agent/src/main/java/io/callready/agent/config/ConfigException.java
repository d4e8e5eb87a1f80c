package io.callready.agent.config;

/**
 * A configuration problem, already worded for the person who wrote the file:
 * {@code FILE:LINE:COLUMN: key.path: what is wrong}. Carries no stack trace.
 */
public final class ConfigException extends Exception {

    public ConfigException(String source, int line, int column, String keyPath, String problem) {
        super(source + ":" + line + ":" + column + ": " + (keyPath.isEmpty() ? "" : keyPath + ": ") + problem, null, false, false);
    }

    /** A problem with the file as a whole (cannot be read) or with something it points at (token file). */
    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
