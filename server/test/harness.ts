import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import type { Role } from '../../common/access.js';
import type { AppContext } from '../app-context.js';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { hashPassword } from '../platform/auth/passwords.js';
import { openDatabase } from '../platform/db/database.js';
import { prepareContext } from '../runtime.js';

export const TEST_PASSWORD = 'Test#Pass2026';

/** A clock the test moves by hand. */
export function testClock(start = '2026-11-16T02:00:00Z') {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    set: (iso: string) => { now = new Date(iso); },
    advance: (ms: number) => { now = new Date(now.getTime() + ms); },
  };
}

/** A fresh database on the run's PostgreSQL server, migrated, with the context every module gets. */
export async function createTestContext(clock = testClock()) {
  const serverUrl = new URL(inject('serverUrl'));
  const name = `jm_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client(serverUrl.toString());
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = openDatabase(url.toString(), { max: 10 });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jingmin-ctx-'));
  const config = {
    ...loadConfig({}), dataDir, vaultKey: randomBytes(32).toString('base64'),
    rateLimits: { portalSubmitPerMinute: 1000, portalReadPerMinute: 1000, loginPerMinute: 1000 },
  };
  const ctx = await prepareContext(db, config, () => {}, clock.now);
  return { ctx, clock, url: url.toString(), close: async () => { await db.close(); fs.rmSync(dataDir, { recursive: true, force: true }); } };
}

export type Fixture = {
  county: number; stationA: number; stationB: number;
  units: { bureau: number; command: number; supervision: number; stationA: number; stationB: number };
};

/** A small county: two stations, a command centre that receives the portal, a supervision office. */
export async function seedFixture(ctx: AppContext): Promise<Fixture> {
  const db = ctx.db;
  await db.query(`INSERT INTO jurisdictions (id, code, name, kind) VALUES (1, '00', '测试县', 'county'), (2, '01', '东城派出所辖区', 'station'), (3, '02', '西城派出所辖区', 'station')`);
  const unit = async (code: string, name: string, kind: string, jurisdiction: number, scope: string, portal = false) =>
    (await db.query('INSERT INTO units (code, name, kind, jurisdiction_id, scope, receives_portal) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [code, name, kind, jurisdiction, scope, portal])).rows[0].id as number;
  const units = {
    bureau: await unit('bureau', '测试县公安局', 'bureau', 1, 'county'),
    command: await unit('command', '指挥中心', 'command_centre', 1, 'county', true),
    supervision: await unit('supervision', '督察大队', 'supervision_office', 1, 'county'),
    stationA: await unit('east', '东城派出所', 'station', 2, 'jurisdiction'),
    stationB: await unit('west', '西城派出所', 'station', 3, 'jurisdiction'),
  };
  ctx.org.invalidate();
  return { county: 1, stationA: 2, stationB: 3, units };
}

let passwordHash: Promise<string> | undefined;

export async function addStaff(ctx: AppContext, username: string, unitId: number, roles: Role[]): Promise<number> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const { rows } = await ctx.db.query(
    'INSERT INTO staff (username, display_name, unit_id, roles, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [username, `民警${username}`, unitId, roles, await passwordHash]);
  return rows[0].id;
}

export async function buildTestApp(ctx: AppContext) {
  return buildApp({ ...ctx, logger: { level: process.env.TEST_LOG_LEVEL ?? 'error' } });
}

/** A logged-in staff client: cookie and CSRF header on every request. */
export async function login(app: FastifyInstance, username: string, password = TEST_PASSWORD) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/staff/session', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'jm_session')!;
  const csrf = res.json().csrfToken as string;
  const request = (options: InjectOptions): Promise<LightMyRequestResponse> =>
    app.inject({ ...options, cookies: { jm_session: cookie.value }, headers: { 'x-csrf-token': csrf, ...(options.headers ?? {}) } });
  return {
    cookie: cookie.value, csrf,
    get: (url: string) => request({ method: 'GET', url }),
    post: (url: string, payload?: object) => request({ method: 'POST', url, payload: payload ?? {} }),
    request,
  };
}

let submitters = 0;

/**
 * A valid portal submission. Each call comes from another phone (the masked form stays 138****1234): the same
 * person sending the same text twice within a day is refused as a duplicate, which only the duplicate tests want.
 */
export const validSubmission = (overrides: Record<string, unknown> = {}) => ({
  kind: 'help',
  content: '小区门口路灯坏了一周，晚上很黑，老人出行不便，请帮忙协调修理。',
  contact: { name: '张三丰', phone: `138${String(submitters++ % 10_000).padStart(4, '0')}1234` },
  ...overrides,
});
