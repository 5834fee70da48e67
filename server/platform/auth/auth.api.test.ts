import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import {
  addStaff, buildTestApp, createTestContext, login, seedFixture, TEST_PASSWORD, validSubmission, type Fixture,
} from '../../test/harness.js';

let env: Awaited<ReturnType<typeof createTestContext>>;
let app: FastifyInstance;
let fx: Fixture;

const MINUTE = 60_000;
const SESSION = '/api/v1/staff/session';
const STAFF = '/api/v1/staff/admin/staff';

beforeAll(async () => {
  env = await createTestContext();
  fx = await seedFixture(env.ctx);
  await addStaff(env.ctx, 'admin', fx.units.bureau, ['admin']);
  app = await buildTestApp(env.ctx);
});
afterAll(async () => { await app.close(); await env.close(); });

const attempt = (username: string, password: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: SESSION, payload: { username, password }, headers });
const codeOf = (res: LightMyRequestResponse) => res.json().error?.code as string | undefined;
const count = async (sql: string, params: unknown[] = []) => Number((await env.ctx.db.query(sql, params)).rows[0].n);
const staffCount = () => count('SELECT count(*) AS n FROM staff');
const sessionsOf = (staffId: number) => count('SELECT count(*) AS n FROM staff_sessions WHERE staff_id = $1', [staffId]);
const staffId = async (username: string) =>
  (await env.ctx.db.query('SELECT id FROM staff WHERE username = $1', [username])).rows[0]?.id as number | undefined;
/** The error body without the request id, which differs per request by design. */
const withoutRequestId = (res: LightMyRequestResponse) => {
  const body = res.json();
  delete body.error.requestId;
  return body;
};
const newStaff = (username: string, password: string) => ({ username, name: '新民警', unitId: fx.units.stationA, roles: ['officer'], password });

describe('passwords', () => {
  it('stores new staff passwords as argon2id (OWASP minimum cost) and the account can log in', async () => {
    const admin = await login(app, 'admin');
    const res = await admin.post(STAFF, newStaff('newbie1', 'Abcdefg1'));
    expect(res.statusCode, res.body).toBe(201);
    const { rows } = await env.ctx.db.query('SELECT password_hash FROM staff WHERE id = $1', [res.json().id]);
    const stored: string = rows[0].password_hash;
    expect(stored.startsWith('$argon2id$')).toBe(true);
    const [, memory, passes] = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=\d+\$/.exec(stored) ?? [];
    expect(Number(memory)).toBeGreaterThanOrEqual(19_456);
    expect(Number(passes)).toBeGreaterThanOrEqual(2);
    expect(stored).not.toContain('Abcdefg1');
    expect((await attempt('newbie1', 'Abcdefg1')).statusCode).toBe(200);
    // The seeded accounts (harness) go through the same hashing.
    const seeded = await env.ctx.db.query("SELECT password_hash FROM staff WHERE username = 'admin'");
    expect(seeded.rows[0].password_hash.startsWith('$argon2id$')).toBe(true);
  });

  it.each([
    ['only lower case', 'abcdefghij'],
    ['two classes: lower and upper', 'abcdEFGHij'],
    ['two classes: lower and digits', 'abcd123456'],
    ['two classes: digits and symbols', '1234!@#$%^'],
  ])('rejects a weak password (%s) with 400 WEAK_PASSWORD and creates nothing', async (_label, password) => {
    const admin = await login(app, 'admin');
    const before = await staffCount();
    const audits = await count("SELECT count(*) AS n FROM audit_events WHERE action = 'staff.created'");
    const res = await admin.post(STAFF, newStaff('weakling', password));
    expect(res.statusCode, res.body).toBe(400);
    expect(codeOf(res)).toBe('WEAK_PASSWORD');
    expect(res.json().error.message).toBe('密码至少 8 位，且须包含大写字母、小写字母、数字、符号中的至少 3 类');
    expect(await staffCount()).toBe(before);
    expect(await staffId('weakling')).toBeUndefined();
    expect(await count("SELECT count(*) AS n FROM audit_events WHERE action = 'staff.created'")).toBe(audits);
  });

  it('rejects a 7-character password even from 3 classes, and creates nothing', async () => {
    const admin = await login(app, 'admin');
    const before = await staffCount();
    const res = await admin.post(STAFF, newStaff('shorty', 'Abcde1!'));
    expect(res.statusCode, res.body).toBe(400);
    // The schema's minLength answers first, naming the field.
    expect(codeOf(res)).toBe('VALIDATION_FAILED');
    expect(res.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['password']);
    expect(await staffCount()).toBe(before);
  });

  it.each([
    ['lower, upper, digits', 'abcdEF12', 'okone'],
    ['lower, digits, symbols', 'abcd12!?', 'oktwo'],
    ['upper, digits, symbols', 'ABCD12!?', 'okthree'],
  ])('accepts 8 characters from 3 classes (%s)', async (_label, password, username) => {
    const admin = await login(app, 'admin');
    const res = await admin.post(STAFF, newStaff(username, password));
    expect(res.statusCode, res.body).toBe(201);
    expect(await staffId(username)).toBe(res.json().id);
  });
});

describe('login failures and lockout', () => {
  it('answers a wrong password and an unknown user with the same status and body', async () => {
    await addStaff(env.ctx, 'samebody', fx.units.stationA, ['officer']);
    const wrong = await attempt('samebody', 'Wrong#Pass2026');
    const unknown = await attempt('nobody-here', 'Wrong#Pass2026');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(codeOf(wrong)).toBe('LOGIN_FAILED');
    expect(withoutRequestId(wrong)).toEqual(withoutRequestId(unknown));
    expect(withoutRequestId(wrong)).toEqual({ error: { code: 'LOGIN_FAILED', message: '用户名或密码错误' } });
    expect(wrong.cookies.find((c) => c.name === 'jm_session')).toBeUndefined();
    const wrongEn = await attempt('samebody', 'Wrong#Pass2026', { 'accept-language': 'en' });
    const unknownEn = await attempt('nobody-here', 'Wrong#Pass2026', { 'accept-language': 'en' });
    expect(withoutRequestId(wrongEn)).toEqual(withoutRequestId(unknownEn));
    expect(withoutRequestId(wrongEn)).toEqual({ error: { code: 'LOGIN_FAILED', message: 'Wrong username or password' } });
  });

  it('locks the account for 30 minutes after 5 failed logins, even against the right password', async () => {
    const id = await addStaff(env.ctx, 'locky', fx.units.stationA, ['officer']);
    for (let i = 1; i <= 4; i++) {
      const res = await attempt('locky', `Wrong#Pass${i}`);
      expect(res.statusCode, `attempt ${i}: ${res.body}`).toBe(401);
      expect(codeOf(res)).toBe('LOGIN_FAILED');
    }
    const fifth = await attempt('locky', 'Wrong#Pass5');
    expect(fifth.statusCode, fifth.body).toBe(423);
    expect(codeOf(fifth)).toBe('ACCOUNT_LOCKED');

    const right = await attempt('locky', TEST_PASSWORD);
    expect(right.statusCode, right.body).toBe(423);
    expect(codeOf(right)).toBe('ACCOUNT_LOCKED');
    expect(right.json().error.message).toContain('30 分钟');
    expect(right.cookies.find((c) => c.name === 'jm_session')).toBeUndefined();
    expect(await sessionsOf(id)).toBe(0);

    env.clock.advance(29 * MINUTE);
    const stillLocked = await attempt('locky', TEST_PASSWORD);
    expect(stillLocked.statusCode, stillLocked.body).toBe(423);
    expect(stillLocked.json().error.message).toContain('1 分钟');

    env.clock.advance(2 * MINUTE); // 31 minutes after the lock
    const unlocked = await attempt('locky', TEST_PASSWORD);
    expect(unlocked.statusCode, unlocked.body).toBe(200);
    expect(await sessionsOf(id)).toBe(1);
    const { rows } = await env.ctx.db.query('SELECT failed_logins, locked_until FROM staff WHERE id = $1', [id]);
    expect(rows[0]).toEqual({ failed_logins: 0, locked_until: null });

    // Every one of the 8 attempts is on the audit log; the one that locked the account says so.
    const audit = await env.ctx.db.query(
      'SELECT action, outcome, detail FROM audit_events WHERE actor_staff_id = $1 ORDER BY id', [id]);
    expect(audit.rows.map((r) => `${r.action}:${r.outcome}`)).toEqual([
      ...Array(4).fill('session.login:failure'), 'session.locked:failure',
      'session.login:failure', 'session.login:failure', 'session.login:success',
    ]);
    expect(audit.rows[4].detail).toEqual({ failedAttempts: 5 });
    expect(audit.rows[5].detail).toEqual({ why: 'locked' });
  });

  it('locks the account when the failed logins arrive concurrently', async () => {
    const id = await addStaff(env.ctx, 'parallel', fx.units.stationA, ['officer']);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => attempt('parallel', `Wrong#Pass${i}`)));
    expect(results.every((r) => r.statusCode === 401 || r.statusCode === 423)).toBe(true);
    const right = await attempt('parallel', TEST_PASSWORD);
    expect(right.statusCode, `after 10 concurrent failures: ${right.body}`).toBe(423);
    expect(codeOf(right)).toBe('ACCOUNT_LOCKED');
    expect(await sessionsOf(id)).toBe(0);
  });

  it('counts failures afresh after a successful login', async () => {
    await addStaff(env.ctx, 'resetty', fx.units.stationA, ['officer']);
    for (let i = 0; i < 4; i++) expect((await attempt('resetty', 'Wrong#Pass0')).statusCode).toBe(401);
    expect((await attempt('resetty', TEST_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt('resetty', 'Wrong#Pass0')).statusCode).toBe(401);
    expect((await attempt('resetty', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('audits every login attempt with its outcome', async () => {
    const id = await addStaff(env.ctx, 'audited', fx.units.stationA, ['officer']);
    const rowsFor = async (since: number) => (await env.ctx.db.query(
      `SELECT action, outcome, actor_staff_id, subject, detail FROM audit_events WHERE id > $1 ORDER BY id`, [since])).rows;
    const { rows: [{ max }] } = await env.ctx.db.query('SELECT coalesce(max(id), 0) AS max FROM audit_events');
    const since = Number(max);

    expect((await attempt('audited', 'Wrong#Pass2026')).statusCode).toBe(401);
    expect((await attempt('ghost-user', 'Wrong#Pass2026')).statusCode).toBe(401);
    expect((await attempt('audited', TEST_PASSWORD)).statusCode).toBe(200);

    const rows = await rowsFor(since);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ action: 'session.login', outcome: 'failure', actor_staff_id: id });
    expect(rows[1]).toMatchObject({ action: 'session.login', outcome: 'failure', actor_staff_id: null, subject: 'ghost-user' });
    expect(rows[2]).toMatchObject({ action: 'session.login', outcome: 'success', actor_staff_id: id });
    // The password itself is never written to the log.
    expect(JSON.stringify(rows)).not.toContain('Wrong#Pass2026');
    expect(JSON.stringify(rows)).not.toContain(TEST_PASSWORD);
  });
});

describe('sessions', () => {
  it('sets the session cookie HttpOnly and SameSite=Strict', async () => {
    const res = await attempt('admin', TEST_PASSWORD);
    expect(res.statusCode, res.body).toBe(200);
    const header = ([] as string[]).concat(res.headers['set-cookie'] as string | string[]).find((c) => c.startsWith('jm_session='));
    expect(header).toBeDefined();
    expect(header).toMatch(/;\s*HttpOnly(;|$)/i);
    expect(header).toMatch(/;\s*SameSite=Strict(;|$)/i);
    expect(header).toMatch(/;\s*Path=\/(;|$)/i);
    const cookie = res.cookies.find((c) => c.name === 'jm_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(String(cookie.sameSite).toLowerCase()).toBe('strict');
    // Only a hash of the token is stored.
    const { rows } = await env.ctx.db.query('SELECT token_hash FROM staff_sessions');
    expect(rows.some((r) => Buffer.from(r.token_hash).toString('base64url') === cookie.value)).toBe(false);
    expect(rows.some((r) => Buffer.from(r.token_hash).toString('utf8').includes(cookie.value))).toBe(false);
  });

  it('expires after 30 idle minutes, but not while it is used', async () => {
    await addStaff(env.ctx, 'idler', fx.units.stationA, ['officer']);
    const me = await login(app, 'idler');
    for (let i = 0; i < 4; i++) {
      env.clock.advance(25 * MINUTE); // 100 minutes in all, never 30 idle
      const res = await me.get(SESSION);
      expect(res.statusCode, `after ${(i + 1) * 25} minutes: ${res.body}`).toBe(200);
      expect(res.json().staff.username).toBe('idler');
    }
    env.clock.advance(31 * MINUTE);
    const expired = await me.get(SESSION);
    expect(expired.statusCode, expired.body).toBe(401);
    expect(codeOf(expired)).toBe('SESSION_EXPIRED');
    // The expired session is gone for good: the cookie stays useless.
    const again = await me.get(SESSION);
    expect(again.statusCode).toBe(401);
    expect(codeOf(again)).toBe('UNAUTHENTICATED');
    expect(await sessionsOf((await staffId('idler'))!)).toBe(0);
  });

  it('logout ends the session on the server: replaying the old cookie answers 401', async () => {
    const id = await addStaff(env.ctx, 'leaver', fx.units.stationA, ['officer']);
    const me = await login(app, 'leaver');
    expect((await me.get(SESSION)).statusCode).toBe(200);
    expect(await sessionsOf(id)).toBe(1);
    const out = await me.request({ method: 'DELETE', url: SESSION });
    expect(out.statusCode, out.body).toBe(204);
    const cleared = out.cookies.find((c) => c.name === 'jm_session');
    expect(cleared?.value ?? '').toBe('');
    expect(await sessionsOf(id)).toBe(0);
    const replay = await app.inject({ method: 'GET', url: SESSION, cookies: { jm_session: me.cookie } });
    expect(replay.statusCode, replay.body).toBe(401);
    expect(codeOf(replay)).toBe('UNAUTHENTICATED');
    const { rows } = await env.ctx.db.query("SELECT count(*) AS n FROM audit_events WHERE action = 'session.logout' AND actor_staff_id = $1", [id]);
    expect(Number(rows[0].n)).toBe(1);
  });

  it('answers 401 UNAUTHENTICATED without a cookie or with a made-up one', async () => {
    const none = await app.inject({ method: 'GET', url: SESSION });
    expect(none.statusCode).toBe(401);
    expect(codeOf(none)).toBe('UNAUTHENTICATED');
    const forged = await app.inject({ method: 'GET', url: STAFF, cookies: { jm_session: 'A'.repeat(43) } });
    expect(forged.statusCode).toBe(401);
    expect(codeOf(forged)).toBe('UNAUTHENTICATED');
  });

  it('disabling an account ends its sessions at once and blocks its login', async () => {
    const id = await addStaff(env.ctx, 'disabled1', fx.units.stationA, ['officer']);
    const victim = await login(app, 'disabled1');
    const victim2 = await login(app, 'disabled1');
    expect((await victim.get(SESSION)).statusCode).toBe(200);
    expect(await sessionsOf(id)).toBe(2);

    const admin = await login(app, 'admin');
    const patch = await admin.request({ method: 'PATCH', url: `${STAFF}/${id}`, payload: { status: 'disabled' } });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json()).toEqual({ id });

    expect(await sessionsOf(id)).toBe(0);
    for (const session of [victim, victim2]) {
      const next = await session.get(SESSION);
      expect(next.statusCode, next.body).toBe(401);
      expect(codeOf(next)).toBe('UNAUTHENTICATED');
    }
    const relogin = await attempt('disabled1', TEST_PASSWORD);
    expect(relogin.statusCode, relogin.body).toBe(403);
    expect(codeOf(relogin)).toBe('ACCOUNT_DISABLED');
    expect(relogin.cookies.find((c) => c.name === 'jm_session')).toBeUndefined();
    expect(await sessionsOf(id)).toBe(0);
    // A wrong password still says nothing about the account.
    const wrong = await attempt('disabled1', 'Wrong#Pass2026');
    expect(wrong.statusCode).toBe(401);
    expect(codeOf(wrong)).toBe('LOGIN_FAILED');

    const enable = await admin.request({ method: 'PATCH', url: `${STAFF}/${id}`, payload: { status: 'active' } });
    expect(enable.statusCode, enable.body).toBe(200);
    expect((await attempt('disabled1', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('a session of an account disabled directly in the database is refused on its next request', async () => {
    const id = await addStaff(env.ctx, 'disabled2', fx.units.stationA, ['officer']);
    const victim = await login(app, 'disabled2');
    await env.ctx.db.query("UPDATE staff SET status = 'disabled' WHERE id = $1", [id]);
    const next = await victim.get(SESSION);
    expect(next.statusCode, next.body).toBe(401);
    expect(await sessionsOf(id)).toBe(0);
  });
});

describe('CSRF (synchronizer token)', () => {
  it('refuses a cookie-authenticated POST without X-CSRF-Token, and changes nothing', async () => {
    const admin = await login(app, 'admin');
    const before = await staffCount();
    const res = await app.inject({ method: 'POST', url: STAFF, cookies: { jm_session: admin.cookie }, payload: newStaff('csrf1', 'Abcdefg1') });
    expect(res.statusCode, res.body).toBe(403);
    expect(codeOf(res)).toBe('CSRF_INVALID');
    expect(await staffCount()).toBe(before);
    expect(await staffId('csrf1')).toBeUndefined();
    // The same request with the token works.
    const ok = await admin.post(STAFF, newStaff('csrf1', 'Abcdefg1'));
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it("refuses another session's token, even the same user's", async () => {
    const a = await login(app, 'admin');
    const b = await login(app, 'admin');
    await addStaff(env.ctx, 'csrfother', fx.units.stationA, ['officer']);
    const other = await login(app, 'csrfother');
    expect(a.csrf).not.toBe(b.csrf);
    const before = await staffCount();
    for (const token of [b.csrf, other.csrf, `${a.csrf}x`, a.csrf.slice(1), '']) {
      const res = await app.inject({
        method: 'POST', url: STAFF, cookies: { jm_session: a.cookie }, headers: { 'x-csrf-token': token }, payload: newStaff('csrf2', 'Abcdefg1'),
      });
      expect(res.statusCode, `token ${JSON.stringify(token)}: ${res.body}`).toBe(403);
      expect(codeOf(res)).toBe('CSRF_INVALID');
    }
    expect(await staffCount()).toBe(before);
    expect(await staffId('csrf2')).toBeUndefined();
  });

  it('guards PATCH and DELETE the same way', async () => {
    const id = await addStaff(env.ctx, 'csrfpatch', fx.units.stationA, ['officer']);
    const victim = await login(app, 'csrfpatch');
    const admin = await login(app, 'admin');
    const patch = await app.inject({ method: 'PATCH', url: `${STAFF}/${id}`, cookies: { jm_session: admin.cookie }, payload: { status: 'disabled' } });
    expect(patch.statusCode, patch.body).toBe(403);
    expect(codeOf(patch)).toBe('CSRF_INVALID');
    const { rows } = await env.ctx.db.query('SELECT status, version FROM staff WHERE id = $1', [id]);
    expect(rows[0]).toEqual({ status: 'active', version: 1 });
    expect((await victim.get(SESSION)).statusCode).toBe(200);

    const logout = await app.inject({ method: 'DELETE', url: SESSION, cookies: { jm_session: victim.cookie } });
    expect(logout.statusCode, logout.body).toBe(403);
    expect(codeOf(logout)).toBe('CSRF_INVALID');
    expect(await sessionsOf(id)).toBe(1);
    expect((await victim.get(SESSION)).statusCode).toBe(200);
  });

  it('never needs the token on GET', async () => {
    const admin = await login(app, 'admin');
    for (const url of [SESSION, STAFF, '/api/v1/staff/admin/calendar']) {
      const res = await app.inject({ method: 'GET', url, cookies: { jm_session: admin.cookie } });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    }
    const session = await app.inject({ method: 'GET', url: SESSION, cookies: { jm_session: admin.cookie } });
    expect(session.json().csrfToken).toBe(admin.csrf);
  });
});

describe('rate limits', () => {
  let limited: FastifyInstance;
  beforeAll(async () => {
    limited = await buildApp({ ...env.ctx, rateLimits: { portalSubmitPerMinute: 3, portalReadPerMinute: 3, loginPerMinute: 3 }, logger: false });
  });
  afterAll(async () => { await limited.close(); });

  const expectLimited = (res: LightMyRequestResponse) => {
    expect(res.statusCode, res.body).toBe(429);
    expect(codeOf(res)).toBe('RATE_LIMITED');
    const retryAfter = Number(res.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(res.json().error.message).toBe(`操作过于频繁，请 ${retryAfter} 秒后再试`);
  };

  it('answers the 4th login to one account from one client within a minute with 429 RATE_LIMITED and Retry-After', async () => {
    await addStaff(env.ctx, 'ratey', fx.units.stationA, ['officer']);
    const id = (await staffId('ratey'))!;
    const statuses: number[] = [];
    for (const password of ['Wrong#Pass1', 'Wrong#Pass2', TEST_PASSWORD]) {
      statuses.push((await limited.inject({ method: 'POST', url: SESSION, payload: { username: 'ratey', password } })).statusCode);
    }
    expect(statuses).toEqual([401, 401, 200]);
    const sessions = await sessionsOf(id);
    const fourth = await limited.inject({ method: 'POST', url: SESSION, payload: { username: 'ratey', password: TEST_PASSWORD } });
    expectLimited(fourth);
    // Refused before the password is even checked: no session, no counted failure.
    expect(await sessionsOf(id)).toBe(sessions);
    // Another client is counted on its own.
    const elsewhere = await limited.inject({
      method: 'POST', url: SESSION, payload: { username: 'ratey', password: TEST_PASSWORD }, remoteAddress: '10.9.8.7',
    });
    expect(elsewhere.statusCode, elsewhere.body).toBe(200);
    // So is another account from the same address (colleagues behind one station router).
    await addStaff(env.ctx, 'colleague', fx.units.stationA, ['officer']);
    const colleague = await limited.inject({ method: 'POST', url: SESSION, payload: { username: 'colleague', password: TEST_PASSWORD } });
    expect(colleague.statusCode, colleague.body).toBe(200);
  });

  it('caps the logins from one address over all accounts at 10 × the per-account limit', async () => {
    // loginPerMinute is 3 here, so one address gets 30 attempts a minute, whichever names it tries.
    const spray = (username: string, remoteAddress = '10.20.30.40') =>
      limited.inject({ method: 'POST', url: SESSION, payload: { username, password: 'Wrong#Pass1' }, remoteAddress });
    const statuses = new Set<number>();
    for (let i = 0; i < 30; i++) statuses.add((await spray(`nobody${i}`)).statusCode);
    expect([...statuses]).toEqual([401]);
    await addStaff(env.ctx, 'sprayed', fx.units.stationA, ['officer']);
    const id = (await staffId('sprayed'))!;
    const refused = await limited.inject({
      method: 'POST', url: SESSION, payload: { username: 'sprayed', password: TEST_PASSWORD }, remoteAddress: '10.20.30.40',
    });
    expectLimited(refused);
    // Refused before the account is read: no session, and its failed-login count untouched.
    expect(await sessionsOf(id)).toBe(0);
    expect(await count('SELECT failed_logins AS n FROM staff WHERE id = $1', [id])).toBe(0);
    expect((await spray('nobody99')).statusCode).toBe(429);
    // Another address is counted on its own.
    expect((await spray('nobody0', '10.20.30.41')).statusCode).toBe(401);
  });

  it('answers the 4th portal submission within a minute with 429 RATE_LIMITED and Retry-After, and records it not', async () => {
    const before = await count('SELECT count(*) AS n FROM matters');
    for (let i = 0; i < 3; i++) {
      const res = await limited.inject({ method: 'POST', url: '/api/v1/portal/matters', payload: validSubmission({ content: `路灯坏了，第 ${i} 次反映` }) });
      expect(res.statusCode, res.body).toBe(201);
    }
    const fourth = await limited.inject({ method: 'POST', url: '/api/v1/portal/matters', payload: validSubmission({ content: '路灯坏了，第 4 次反映' }) });
    expectLimited(fourth);
    expect(await count('SELECT count(*) AS n FROM matters')).toBe(before + 3);
  });

  it('limits portal reads too', async () => {
    const code = '00-00000-00000-00000-00000';
    for (let i = 0; i < 3; i++) {
      expect((await limited.inject({ method: 'GET', url: `/api/v1/portal/matters/${code}` })).statusCode).toBe(404);
    }
    expectLimited(await limited.inject({ method: 'GET', url: `/api/v1/portal/matters/${code}` }));
  });
});
