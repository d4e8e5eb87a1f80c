package io.callready.reflector;

/**
 * How many arrival records all sessions together may hold, so that many agents bursting at once cannot grow the
 * reflector's memory without bound (sessions × {@link ArrivalRecord#MAX_ARRIVALS} would be hundreds of MB). A
 * session that cannot get more stops recording; its agent sees fewer records than arrivals and falls back to its
 * own estimate, saying so. Single-threaded, like the session table.
 */
final class ArrivalBudget {
    /** 4 Mi records, 20 bytes each: 80 MB at most. */
    static final long DEFAULT_RECORDS = 4L << 20;

    private long free;

    ArrivalBudget(long records) {
        this.free = records;
    }

    boolean take(int records) {
        if (records > free) {
            return false;
        }
        free -= records;
        return true;
    }

    void release(int records) {
        free += records;
    }

    long free() {
        return free;
    }
}
