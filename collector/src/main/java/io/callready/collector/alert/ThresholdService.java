package io.callready.collector.alert;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.alert.AlertViews.EffectiveThreshold;
import io.callready.collector.alert.AlertViews.ThresholdPair;
import io.callready.collector.alert.AlertViews.ThresholdsView;
import io.callready.collector.problem.FieldError;
import io.callready.collector.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Threshold overrides for a customer or a site. A PUT replaces the scope's overrides: metrics it leaves out
 * inherit again (site → customer → DOMAIN.md default).
 */
@ApplicationScoped
public class ThresholdService {
    @Inject
    AgroalDataSource dataSource;
    @Inject
    ThresholdStore store;
    @Inject
    Clock clock;

    public ThresholdsView forCustomer(UUID customerId) {
        try (Connection c = dataSource.getConnection()) {
            requireCustomer(c, customerId);
            return view(store.effective(c, customerId, null));
        } catch (SQLException e) {
            throw new IllegalStateException("reading thresholds", e);
        }
    }

    public ThresholdsView forSite(UUID siteId) {
        try (Connection c = dataSource.getConnection()) {
            return view(store.effective(c, customerOfSite(c, siteId), siteId));
        } catch (SQLException e) {
            throw new IllegalStateException("reading thresholds", e);
        }
    }

    @Transactional
    public ThresholdsView replaceForCustomer(UUID customerId, Map<String, ThresholdPair> overrides) {
        try (Connection c = dataSource.getConnection()) {
            requireCustomer(c, customerId);
            replace(c, customerId, null, overrides);
            return view(store.effective(c, customerId, null));
        } catch (SQLException e) {
            throw new IllegalStateException("saving thresholds", e);
        }
    }

    @Transactional
    public ThresholdsView replaceForSite(UUID siteId, Map<String, ThresholdPair> overrides) {
        try (Connection c = dataSource.getConnection()) {
            UUID customerId = customerOfSite(c, siteId);
            replace(c, customerId, siteId, overrides);
            return view(store.effective(c, customerId, siteId));
        } catch (SQLException e) {
            throw new IllegalStateException("saving thresholds", e);
        }
    }

    private void replace(Connection c, UUID customerId, UUID siteId, Map<String, ThresholdPair> overrides) throws SQLException {
        List<Threshold> valid = validate(overrides);
        try (PreparedStatement d = c.prepareStatement(
                "DELETE FROM alert_thresholds WHERE customer_id = ? AND site_id IS NOT DISTINCT FROM ?")) {
            d.setObject(1, customerId);
            d.setObject(2, siteId);
            d.executeUpdate();
        }
        try (PreparedStatement i = c.prepareStatement(
                "INSERT INTO alert_thresholds (customer_id, site_id, metric, warning, critical, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Threshold t : valid) {
                i.setObject(1, customerId);
                i.setObject(2, siteId);
                i.setString(3, t.metric().wireName());
                i.setDouble(4, t.warning());
                i.setDouble(5, t.critical());
                i.setObject(6, SqlTime.of(clock.instant()));
                i.addBatch();
            }
            i.executeBatch();
        }
    }

    static List<Threshold> validate(Map<String, ThresholdPair> overrides) {
        if (overrides == null) {
            throw ProblemException.badRequest("body", "must be an object of metric → {warning, critical}");
        }
        List<FieldError> errors = new ArrayList<>();
        List<Threshold> valid = new ArrayList<>();
        overrides.forEach((name, pair) -> {
            var metric = AlertMetric.fromWire(name);
            if (metric.isEmpty()) {
                errors.add(new FieldError(FieldError.clip(name), "unknown metric; use jitter_ms, loss_ratio, rtt_ms or mos"));
            } else if (pair == null || pair.warning() == null || pair.critical() == null) {
                errors.add(new FieldError(name, "needs both warning and critical"));
            } else {
                Threshold t = new Threshold(metric.get(), pair.warning(), pair.critical());
                FieldError problem = t.problem(name);
                if (problem != null) {
                    errors.add(problem);
                } else {
                    valid.add(t);
                }
            }
        });
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors.size() + " invalid threshold(s); nothing was saved", errors);
        }
        return valid;
    }

    private static ThresholdsView view(Map<AlertMetric, ThresholdStore.Effective> effective) {
        Map<String, EffectiveThreshold> out = new LinkedHashMap<>();
        effective.forEach((m, e) -> out.put(m.wireName(), new EffectiveThreshold(e.threshold().warning(), e.threshold().critical(), e.source())));
        return new ThresholdsView(out);
    }

    private static void requireCustomer(Connection c, UUID customerId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM customers WHERE id = ?")) {
            q.setObject(1, customerId);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw ProblemException.notFound("No customer " + customerId);
                }
            }
        }
    }

    static UUID customerOfSite(Connection c, UUID siteId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT customer_id FROM sites WHERE id = ?")) {
            q.setObject(1, siteId);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw ProblemException.notFound("No site " + siteId);
                }
                return rs.getObject(1, UUID.class);
            }
        }
    }
}
