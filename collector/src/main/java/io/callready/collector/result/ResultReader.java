package io.callready.collector.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.agroal.api.AgroalDataSource;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ResultStatus;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads stored results of one site. */
@ApplicationScoped
public class ResultReader {
    /** The columns {@link #row} reads. */
    public static final String COLUMNS = columns("metrics", "labels", "details");
    static final String WINDOW = "SELECT " + COLUMNS + """
             FROM results
            WHERE site_id = ? AND started_at >= ? AND started_at < ? AND (?::text IS NULL OR kind = ?)
            ORDER BY started_at, result_id
            LIMIT ?""";
    /** Found through site_latest (V215): one primary-key probe per kind and target, however long the site's history. */
    static final String LATEST = "SELECT " + COLUMNS + """
             FROM results
            WHERE site_id = ? AND (result_id, started_at) IN (SELECT result_id, started_at FROM site_latest WHERE site_id = ?)
            ORDER BY kind, target""";
    private static final TypeReference<Map<String, Double>> METRICS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };
    private static final Map<String, ProbeKind> KINDS = Arrays.stream(ProbeKind.values())
            .collect(Collectors.toUnmodifiableMap(ProbeKind::wireName, Function.identity()));
    private static final Map<String, ResultStatus> STATUSES = Arrays.stream(ResultStatus.values())
            .collect(Collectors.toUnmodifiableMap(ResultStatus::wireName, Function.identity()));

    @Inject
    AgroalDataSource dataSource;
    @Inject
    ObjectMapper mapper;
    /** Metrics with Jackson's fast double parser (the same doubles, as ingest reads them): the JDK's took a third of a qos-advice run. */
    private ObjectReader metricsReader;
    private ObjectReader labelsReader;
    private ObjectReader detailsReader;

    @PostConstruct
    void readers() {
        metricsReader = mapper.readerFor(METRICS).with(StreamReadFeature.USE_FAST_DOUBLE_PARSER);
        labelsReader = mapper.readerFor(LABELS);
        detailsReader = mapper.readerFor(JsonNode.class);
    }

    /**
     * {@link #COLUMNS} with other expressions for the three JSON columns, for a reader that needs less of them (each
     * must still be named as the column it stands for: {@code ... AS metrics}).
     */
    public static String columns(String metrics, String labels, String details) {
        return "result_id, agent_id, kind, target, started_at, duration_ms, status, reason, " + metrics + ", " + labels
                + ", " + details + ", customer_id, site_id, received_at";
    }

    /** Results started in [from, to), oldest first. */
    List<StoredResult> window(UUID siteId, ResultQueryParams query) {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(WINDOW)) {
            String kind = query.kind().map(ProbeKind::wireName).orElse(null);
            select.setObject(1, siteId);
            select.setObject(2, OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
            select.setObject(3, OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
            select.setString(4, kind);
            select.setString(5, kind);
            select.setInt(6, query.limit());
            return read(select);
        } catch (SQLException e) {
            throw new IllegalStateException("reading results of site " + siteId + " failed", e);
        }
    }

    /** The newest result for each (kind, target) the site ever reported, ordered by kind and target. */
    List<StoredResult> latest(UUID siteId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(LATEST)) {
            select.setObject(1, siteId);
            select.setObject(2, siteId);
            return read(select);
        } catch (SQLException e) {
            throw new IllegalStateException("reading latest results of site " + siteId + " failed", e);
        }
    }

    private List<StoredResult> read(PreparedStatement select) throws SQLException {
        List<StoredResult> out = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    /**
     * One row of {@code SELECT COLUMNS FROM results} as stored.
     *
     * @throws IllegalStateException for a row no wire result can hold (unknown kind or status, unreadable JSON)
     */
    public StoredResult row(ResultSet rs) throws SQLException {
        String details = rs.getString("details");
        return new StoredResult(
                rs.getObject("result_id", UUID.class),
                rs.getObject("agent_id", UUID.class).toString(),
                known(KINDS, rs.getString("kind")),
                rs.getString("target"),
                rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                rs.getLong("duration_ms"),
                known(STATUSES, rs.getString("status")),
                rs.getString("reason"),
                parse(metricsReader, rs.getString("metrics")),
                parse(labelsReader, rs.getString("labels")),
                details == null ? null : parse(detailsReader, details),
                rs.getObject("customer_id", UUID.class),
                rs.getObject("site_id", UUID.class),
                rs.getObject("received_at", OffsetDateTime.class).toInstant());
    }

    private static <T> T known(Map<String, T> values, String stored) {
        T value = values.get(stored);
        if (value == null) {
            throw new IllegalStateException("results holds '" + stored + "', which this collector version does not know");
        }
        return value;
    }

    private static <T> T parse(ObjectReader reader, String json) {
        try {
            return reader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}
