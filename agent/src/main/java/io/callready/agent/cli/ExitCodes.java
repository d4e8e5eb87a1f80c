package io.callready.agent.cli;

/** Process exit codes; 64, 69, 73 and 77 follow BSD sysexits (EX_USAGE, EX_UNAVAILABLE, EX_CANTCREAT, EX_NOPERM). */
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
    /** {@code enroll}: the collector could not be reached or failed; trying again later may work. */
    public static final int UNAVAILABLE = 69;
    /** The state directory cannot be created or used. */
    public static final int CANNOT_CREATE = 73;
    /** {@code enroll}: the collector refused the code (unknown, expired, used) or the name. */
    public static final int REFUSED = 77;

    private ExitCodes() {
    }
}
