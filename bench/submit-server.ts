/**
 * One HTTP server for bench/submit.bench.ts, run in its own process (its own event loop, as in
 * production). argv[2] picks it:
 *  - `jingmin`: the real app (buildApp), logger off, rate limits raised out of the way;
 *  - `bare`:    a bare Fastify route doing one INSERT into the same database.
 * Both use the app's own pool (openDatabase, 20 connections). The parent passes the database URL,
 * the vault key and a data dir in the environment, and receives { port } over IPC when listening.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/platform/db/database.js';
import { prepareContext } from '../server/runtime.js';

const POOL_SIZE = 20;
const BARE_PATH = '/bare';

const mode = process.argv[2];
const url = process.env.BENCH_DATABASE_URL;
if (!url || (mode !== 'jingmin' && mode !== 'bare')) {
  process.stderr.write('usage: BENCH_DATABASE_URL=… node --import tsx bench/submit-server.ts jingmin|bare\n');
  process.exit(2);
}

const db = openDatabase(url, { max: POOL_SIZE });
let app: FastifyInstance;
if (mode === 'jingmin') {
  const unlimited = 1_000_000_000;
  const config = {
    ...loadConfig({}), databaseUrl: url, dataDir: process.env.BENCH_DATA_DIR!, vaultKey: process.env.BENCH_VAULT_KEY,
    rateLimits: { portalSubmitPerMinute: unlimited, portalReadPerMinute: unlimited, loginPerMinute: unlimited },
  };
  const ctx = await prepareContext(db, config, () => {});
  app = await buildApp({ ...ctx, logger: false });
} else {
  app = Fastify({ logger: false });
  app.post(BARE_PATH, async (request, reply) => {
    await db.query('INSERT INTO bench_bare (payload, created_at) VALUES ($1, now())', [request.body]);
    return reply.code(201).send({ ok: true });
  });
}
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.send!({ port: typeof address === 'object' && address ? address.port : 0 });

async function shutdown() {
  await app.close();
  await db.close();
  process.exit(0);
}
process.on('message', (message) => { if (message === 'stop') void shutdown(); });
process.on('SIGTERM', () => void shutdown());
process.on('disconnect', () => void shutdown());
