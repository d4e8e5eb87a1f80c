-- The known seed of DashboardSqlIT; "now" (the end of every tested time range) is 2026-11-30T12:00:00Z.
-- Acme: acme-hq good, acme-branch acceptable, acme-lab offline (last result 30 min ago); Beta: beta-main problematic.
INSERT INTO customers (id, name) VALUES
    ('aaaaaaaa-0000-0000-0000-000000000001', 'Acme'),
    ('bbbbbbbb-0000-0000-0000-000000000001', 'Beta');
INSERT INTO sites (id, customer_id, name, time_zone) VALUES
    ('aaaaaaaa-0000-0000-0000-0000000000a1', 'aaaaaaaa-0000-0000-0000-000000000001', 'acme-hq', 'Europe/Berlin'),
    ('aaaaaaaa-0000-0000-0000-0000000000a2', 'aaaaaaaa-0000-0000-0000-000000000001', 'acme-branch', NULL),
    ('aaaaaaaa-0000-0000-0000-0000000000a3', 'aaaaaaaa-0000-0000-0000-000000000001', 'acme-lab', NULL),
    ('bbbbbbbb-0000-0000-0000-0000000000b1', 'bbbbbbbb-0000-0000-0000-000000000001', 'beta-main', NULL);

INSERT INTO results (result_id, started_at, customer_id, site_id, agent_id, kind, target, status, reason, duration_ms, metrics, details)
SELECT gen_random_uuid(), v.started_at::timestamptz, s.customer_id, s.id, gen_random_uuid(), v.kind, v.target, v.status, v.reason, 1000,
       v.metrics::jsonb, v.details::jsonb
FROM (VALUES
    ('acme-hq', '2026-11-30T11:53:00Z', 'rtp_burst', 'reflector', 'ok', '',
     '{"mos": 3.0, "mos_up": 3.1, "mos_down": 3.0, "rtt_ms": 60, "rtt_max_ms": 80, "jitter_up_ms": 10, "jitter_down_ms": 12, "loss_up_ratio": 0, "loss_down_ratio": 0}', NULL),
    ('acme-hq', '2026-11-30T11:58:00Z', 'rtp_burst', 'reflector', 'ok', '',
     '{"mos": 4.3, "mos_up": 4.4, "mos_down": 4.3, "rtt_ms": 40, "rtt_max_ms": 50, "jitter_up_ms": 5, "jitter_down_ms": 7, "loss_up_ratio": 0, "loss_down_ratio": 0.001}', NULL),
    ('acme-hq', '2026-11-27T12:00:00Z', 'rtp_burst', 'reflector', 'ok', '',
     '{"mos": 4.0, "rtt_ms": 30, "jitter_up_ms": 2, "jitter_down_ms": 2, "loss_up_ratio": 0, "loss_down_ratio": 0}', NULL),
    ('acme-branch', '2026-11-30T11:59:00Z', 'rtp_burst', 'reflector', 'degraded', 'jitter',
     '{"mos": 3.8, "rtt_ms": 120, "jitter_up_ms": 25, "jitter_down_ms": 10, "loss_up_ratio": 0.002, "loss_down_ratio": 0}', NULL),
    ('acme-lab', '2026-11-30T11:30:00Z', 'rtp_burst', 'reflector', 'ok', '',
     '{"mos": 4.4, "rtt_ms": 20, "jitter_up_ms": 1, "jitter_down_ms": 1, "loss_up_ratio": 0, "loss_down_ratio": 0}', NULL),
    ('beta-main', '2026-11-30T11:57:00Z', 'rtp_burst', 'reflector', 'degraded', 'loss',
     '{"mos": 3.2, "rtt_ms": 90, "jitter_up_ms": 8, "jitter_down_ms": 9, "loss_up_ratio": 0.02, "loss_down_ratio": 0}', NULL),
    ('acme-hq', '2026-11-30T10:00:00Z', 'sip_alg', 'pbx', 'ok', '', '{}', NULL),
    ('acme-hq', '2026-11-30T11:00:00Z', 'sip_alg', 'pbx', 'failed', 'ALG rewrote Via', '{}', '{"fix": "Disable SIP ALG: no inspect sip"}'),
    ('acme-hq', '2026-11-30T11:50:00Z', 'sip_options', 'pbx', 'ok', '', '{"rtt_ms": 30}', NULL),
    ('acme-hq', '2026-11-30T09:10:00Z', 'wan_traffic', 'wan', 'ok', '',
     '{"up_bps": 1000000, "down_bps": 4000000, "up_utilisation_pct": 10, "down_utilisation_pct": 40}', NULL),
    ('acme-hq', '2026-11-30T09:40:00Z', 'wan_traffic', 'wan', 'ok', '',
     '{"up_bps": 3000000, "down_bps": 2000000, "up_utilisation_pct": 30, "down_utilisation_pct": 20}', NULL)
) AS v(site, started_at, kind, target, status, reason, metrics, details)
JOIN sites s ON s.name = v.site;

INSERT INTO incidents (id, target, state, opened_at) VALUES
    ('11111111-0000-0000-0000-000000000001', 'reflector', 'open', '2026-11-30T11:40:00Z');
INSERT INTO alerts (id, dedup_key, kind, customer_id, site_id, target, metric, severity, state, value, threshold, started_at, resolved_at, incident_id) VALUES
    ('a1e70000-0000-0000-0000-000000000001', 'q:a2:jitter', 'quality', 'aaaaaaaa-0000-0000-0000-000000000001', 'aaaaaaaa-0000-0000-0000-0000000000a2',
     'reflector', 'jitter_ms', 'warning', 'firing', 25, 20, '2026-11-30T11:40:00Z', NULL, '11111111-0000-0000-0000-000000000001'),
    ('a1e70000-0000-0000-0000-000000000002', 'q:b1:loss', 'quality', 'bbbbbbbb-0000-0000-0000-000000000001', 'bbbbbbbb-0000-0000-0000-0000000000b1',
     'reflector', 'loss_ratio', 'critical', 'firing', 0.02, 0.01, '2026-11-30T11:50:00Z', NULL, '11111111-0000-0000-0000-000000000001'),
    ('a1e70000-0000-0000-0000-000000000003', 'q:a1:mos', 'quality', 'aaaaaaaa-0000-0000-0000-000000000001', 'aaaaaaaa-0000-0000-0000-0000000000a1',
     'reflector', 'mos', 'warning', 'resolved', 3.5, 4.0, '2026-11-29T11:00:00Z', '2026-11-29T11:30:00Z', NULL);

INSERT INTO notify_channels (id, name, kind, url, created_at) VALUES
    ('c0000000-0000-0000-0000-000000000001', 'noc-webhook', 'webhook', 'https://hooks.invalid/noc', '2026-11-01T00:00:00Z');
INSERT INTO notify_outbox (message_id, channel_id, event, status, attempts, created_at, next_attempt_at, give_up_at,
                           last_attempt_at, last_status_code, last_error, delivered_at, alert_id) VALUES
    ('m1', 'c0000000-0000-0000-0000-000000000001', '{}', 'pending', 0, '2026-11-30T11:59:00Z', '2026-11-30T12:00:00Z', '2026-12-01T12:00:00Z',
     NULL, NULL, NULL, NULL, 'a1e70000-0000-0000-0000-000000000002'),
    ('m2', 'c0000000-0000-0000-0000-000000000001', '{}', 'pending', 2, '2026-11-30T11:40:00Z', '2026-11-30T12:05:00Z', '2026-12-01T11:40:00Z',
     '2026-11-30T11:58:00Z', 503, 'HTTP 503', NULL, 'a1e70000-0000-0000-0000-000000000001'),
    ('m3', 'c0000000-0000-0000-0000-000000000001', '{}', 'failed', 5, '2026-11-30T11:10:00Z', '2026-11-30T11:30:00Z', '2026-11-30T11:30:00Z',
     '2026-11-30T11:30:00Z', NULL, 'connection refused', NULL, 'a1e70000-0000-0000-0000-000000000003'),
    ('m4', 'c0000000-0000-0000-0000-000000000001', '{}', 'delivered', 1, '2026-11-30T11:19:00Z', '2026-11-30T11:19:00Z', '2026-12-01T11:19:00Z',
     '2026-11-30T11:20:00Z', 200, NULL, '2026-11-30T11:20:00Z', 'a1e70000-0000-0000-0000-000000000003');

INSERT INTO qos_assessments (site_id, customer_id, verdict, assessment, computed_at, results_through) VALUES
    ('aaaaaaaa-0000-0000-0000-0000000000a1', 'aaaaaaaa-0000-0000-0000-000000000001', 'qos_effective',
     '{"confidence": "high", "evidence": ["Load reached 95 % of the line rate.", "Jitter stayed below 20 ms."], "notes": [], "sizing": {"priorityKbps": 348.5, "shaperUpKbps": 9000, "shaperDownKbps": 45000}}',
     '2026-11-30T11:55:00Z', '2026-11-30T11:55:00Z');
