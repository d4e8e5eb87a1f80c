package io.callready.collector.db;

/** Whether the embedded PostgreSQL keeps a committed transaction through a power cut. */
public enum Durability {
    /** fsync, synchronous_commit and full_page_writes on: a commit is on disk before it is acknowledged. The default. */
    DURABLE("on"),
    /**
     * All three off, for test runs only ({@value BootSettings#EMBEDDED_DB_UNSAFE_KEY}{@code =true}): faster, and a
     * power cut or kernel crash may lose committed results or corrupt the data directory.
     */
    UNSAFE_NO_FSYNC("off");

    /** The settings that decide durability, each of which must read {@link #value} on the running server. */
    static final String[] SETTINGS = {"fsync", "synchronous_commit", "full_page_writes"};

    final String value;

    Durability(String value) {
        this.value = value;
    }
}
