package io.callready.agent.cli;

/** Process exit codes; 64 and 73 follow BSD sysexits (EX_USAGE, EX_CANTCREAT). */
public final class ExitCodes {
    public static final int OK = 0;
    /** {@code config check} found a problem. */
    public static final int CONFIG_INVALID = 1;
    /** {@code check}: the reflector could not be measured. */
    public static final int PROBE_FAILED = 2;
    /** {@code check}: the probe could not run. */
    public static final int PROBE_ERROR = 3;
    /** Bad command line or bad config file. */
    public static final int USAGE = 64;
    /** The state directory cannot be created or used. */
    public static final int CANNOT_CREATE = 73;

    private ExitCodes() {
    }
}
