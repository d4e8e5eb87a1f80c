package io.callready.collector.ingest;

import io.callready.wire.result.ProbeResult;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * A batch's rows streamed with {@code COPY} (text format) into a per-session staging table that empties at each
 * commit, for one {@code INSERT … SELECT} into {@code results}: no arrays to build, encode and decode, and the rows
 * go out in 64 KiB chunks of one reused buffer.
 */
final class StagedRows {
    /** results' {@code toast_tuple_target} (V221), in bytes: rows up to this length are stored uncompressed. */
    static final int RESULTS_TOAST_TUPLE_TARGET = 4080;
    /**
     * Temporary, so never in the WAL; created in the writing transaction itself, so any session has it. The TOAST
     * target is results' (V221): the insert keeps a value as staged, so one compressed here would be stored compressed.
     */
    static final String STAGING = """
            CREATE TEMP TABLE IF NOT EXISTS ingest_staging (
                result_id uuid, started_at timestamptz, kind text, target text, status text, reason text,
                duration_ms int4, metrics jsonb, labels jsonb, details jsonb)
            WITH (toast_tuple_target = %d) ON COMMIT DELETE ROWS""".formatted(RESULTS_TOAST_TUPLE_TARGET);
    private static final String COPY = "COPY ingest_staging FROM STDIN";
    private static final int CHUNK = 64 * 1024;
    /** Chars encoded between two checks for room. */
    private static final int SLICE = 1024;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final byte[] buffer = new byte[CHUNK + SLICE * 4];
    /** Metrics and labels become JSON in here, row after row. */
    private final StringBuilder json = new StringBuilder(4096);
    private final Chunks out;
    private int length;

    private StagedRows(Chunks out) {
        this.out = out;
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
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
        try {
            encode(results, copy::writeToCopy);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** Where the COPY text goes, chunk by chunk; the chunk's bytes are only valid during the call. */
    interface Chunks {
        void write(byte[] bytes, int offset, int length) throws SQLException;
    }

    /** The results as COPY text rows, one per line, in order. */
    static void encode(List<BatchValidator.Candidate> results, Chunks out) throws SQLException {
        StagedRows rows = new StagedRows(out);
        for (BatchValidator.Candidate candidate : results) {
            rows.row(candidate);
        }
        rows.flush();
    }

    private void row(BatchValidator.Candidate candidate) throws SQLException {
        ProbeResult r = candidate.result();
        uuid(r.id());
        tab();
        ascii(UtcInstantText.micros(r.startedAt()));
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
        json.setLength(0);
        text(StoredJson.appendMetrics(json, r.metrics()));
        tab();
        json.setLength(0);
        text(StoredJson.appendLabels(json, r.labels()));
        tab();
        if (candidate.detailsJson() == null) {
            ascii("\\N");
        } else {
            text(candidate.detailsJson());
        }
        put((byte) '\n');
    }

    /** {@link UUID#toString()}'s lowercase 8-4-4-4-12 hex, written from the bits. */
    private void uuid(UUID id) throws SQLException {
        room(36);
        hex(id.getMostSignificantBits() >>> 32, 8);
        buffer[length++] = '-';
        hex(id.getMostSignificantBits() >>> 16, 4);
        buffer[length++] = '-';
        hex(id.getMostSignificantBits(), 4);
        buffer[length++] = '-';
        hex(id.getLeastSignificantBits() >>> 48, 4);
        buffer[length++] = '-';
        hex(id.getLeastSignificantBits(), 12);
    }

    private void hex(long bits, int digits) {
        for (int i = length + digits - 1; i >= length; i--) {
            buffer[i] = HEX[(int) bits & 0xF];
            bits >>>= 4;
        }
        length += digits;
    }

    private void tab() throws SQLException {
        put((byte) '\t');
    }

    private void ascii(String s) throws SQLException {
        for (int i = 0; i < s.length(); i++) {
            put((byte) s.charAt(i));
        }
    }

    /**
     * COPY text escaping (backslash, and the separators tab, newline, carriage return), then UTF-8. Written
     * straight into the buffer in slices that fit (a char is at most 4 bytes here, escaped ones 2).
     */
    private void text(CharSequence s) throws SQLException {
        int n = s.length();
        int i = 0;
        while (i < n) {
            room(SLICE * 4);
            int end = Math.min(n, i + SLICE);
            byte[] b = buffer;
            int at = length;
            for (; i < end; i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    switch (c) {
                        case '\\' -> at = escaped(b, at, '\\');
                        case '\t' -> at = escaped(b, at, 't');
                        case '\n' -> at = escaped(b, at, 'n');
                        case '\r' -> at = escaped(b, at, 'r');
                        default -> b[at++] = (byte) c;
                    }
                } else if (c < 0x800) {
                    b[at++] = (byte) (0xC0 | c >> 6);
                    b[at++] = (byte) (0x80 | c & 0x3F);
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    b[at++] = (byte) (0xF0 | cp >> 18);
                    b[at++] = (byte) (0x80 | cp >> 12 & 0x3F);
                    b[at++] = (byte) (0x80 | cp >> 6 & 0x3F);
                    b[at++] = (byte) (0x80 | cp & 0x3F);
                } else {
                    b[at++] = (byte) (0xE0 | c >> 12);
                    b[at++] = (byte) (0x80 | c >> 6 & 0x3F);
                    b[at++] = (byte) (0x80 | c & 0x3F);
                }
            }
            length = at;
        }
    }

    /** @return the index after a backslash and {@code c} written at {@code at} */
    private static int escaped(byte[] b, int at, char c) {
        b[at] = '\\';
        b[at + 1] = (byte) c;
        return at + 2;
    }

    /** Flushes first when fewer than {@code bytes} are free. */
    private void room(int bytes) throws SQLException {
        if (length + bytes > buffer.length) {
            flush();
        }
    }

    private void put(byte b) throws SQLException {
        buffer[length++] = b;
        if (length >= CHUNK) {
            flush();
        }
    }

    private void flush() throws SQLException {
        if (length > 0) {
            out.write(buffer, 0, length);
            length = 0;
        }
    }
}
