package io.callready.collector.ingest;

import io.callready.wire.result.ProbeResult;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A batch's rows streamed with {@code COPY} (text format) into a per-session staging table that empties at each
 * commit, for one {@code INSERT … SELECT} into {@code results}: no arrays to build, encode and decode, and the rows
 * go out in 64 KiB chunks of one reused buffer.
 */
final class StagedRows {
    /** Temporary, so never in the WAL; created in the writing transaction itself, so any session has it. */
    static final String STAGING = """
            CREATE TEMP TABLE IF NOT EXISTS ingest_staging (
                result_id uuid, started_at timestamptz, kind text, target text, status text, reason text,
                duration_ms int4, metrics jsonb, labels jsonb, details jsonb) ON COMMIT DELETE ROWS""";
    private static final String COPY = "COPY ingest_staging FROM STDIN";
    private static final int CHUNK = 64 * 1024;

    private final byte[] buffer = new byte[CHUNK + 8];
    private int length;
    private CopyIn copy;

    private StagedRows() {
    }

    /** Copies the results into the empty staging table of this transaction. */
    static void stage(Connection c, List<BatchValidator.Candidate> results) throws SQLException {
        if (c.getAutoCommit()) {
            // Each statement would commit on its own, and the commit after COPY would empty the table again.
            throw new IllegalStateException("staged rows need the writing transaction; autocommit is on");
        }
        try (Statement s = c.createStatement()) {
            s.execute(STAGING);
        }
        StagedRows rows = new StagedRows();
        rows.copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
        try {
            for (BatchValidator.Candidate candidate : results) {
                rows.row(candidate);
            }
            rows.flush();
            rows.copy.endCopy();
        } finally {
            if (rows.copy.isActive()) {
                rows.copy.cancelCopy();
            }
        }
    }

    private void row(BatchValidator.Candidate candidate) throws SQLException {
        ProbeResult r = candidate.result();
        ascii(r.id().toString());
        tab();
        ascii(r.startedAt().truncatedTo(ChronoUnit.MICROS).toString());
        tab();
        ascii(r.kind().wireName());
        tab();
        text(r.target());
        tab();
        ascii(r.status().wireName());
        tab();
        text(r.reason());
        tab();
        ascii(Long.toString(r.durationMs()));
        tab();
        text(StoredJson.metrics(r.metrics()));
        tab();
        text(StoredJson.labels(r.labels()));
        tab();
        if (candidate.detailsJson() == null) {
            ascii("\\N");
        } else {
            text(candidate.detailsJson());
        }
        put((byte) '\n');
    }

    private void tab() throws SQLException {
        put((byte) '\t');
    }

    private void ascii(String s) throws SQLException {
        for (int i = 0; i < s.length(); i++) {
            put((byte) s.charAt(i));
        }
    }

    /** COPY text escaping (backslash, and the separators tab, newline, carriage return), then UTF-8. */
    private void text(String s) throws SQLException {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> escape('\\');
                case '\t' -> escape('t');
                case '\n' -> escape('n');
                case '\r' -> escape('r');
                default -> {
                    if (c < 0x80) {
                        put((byte) c);
                    } else if (c < 0x800) {
                        put((byte) (0xC0 | c >> 6));
                        put((byte) (0x80 | c & 0x3F));
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        int cp = Character.toCodePoint(c, s.charAt(++i));
                        put((byte) (0xF0 | cp >> 18));
                        put((byte) (0x80 | cp >> 12 & 0x3F));
                        put((byte) (0x80 | cp >> 6 & 0x3F));
                        put((byte) (0x80 | cp & 0x3F));
                    } else {
                        put((byte) (0xE0 | c >> 12));
                        put((byte) (0x80 | c >> 6 & 0x3F));
                        put((byte) (0x80 | c & 0x3F));
                    }
                }
            }
        }
    }

    private void escape(char c) throws SQLException {
        put((byte) '\\');
        put((byte) c);
    }

    private void put(byte b) throws SQLException {
        buffer[length++] = b;
        if (length >= CHUNK) {
            flush();
        }
    }

    private void flush() throws SQLException {
        if (length > 0) {
            copy.writeToCopy(buffer, 0, length);
            length = 0;
        }
    }
}
