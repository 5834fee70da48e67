import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../platform/db/embedded-postgres.js';

/**
 * One PostgreSQL server for the whole run; every test file creates its own database on it.
 * JINGMIN_TEST_DATABASE_URL points the run at an external server instead (CI uses Debian's PostgreSQL 15).
 */
export default async function setup(project: TestProject) {
  if (process.env.JINGMIN_TEST_DATABASE_URL) {
    project.provide('serverUrl', process.env.JINGMIN_TEST_DATABASE_URL);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jingmin-test-'));
  fs.chmodSync(dir, 0o755);
  const cluster = await startEmbeddedPostgres(dir);
  project.provide('serverUrl', cluster.url('postgres'));
  return async () => {
    await cluster.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    serverUrl: string;
  }
}
