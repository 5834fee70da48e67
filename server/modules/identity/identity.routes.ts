import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ROLES } from '../../../common/access.js';
import { ErrorResponse } from '../../../common/contracts/shared.js';
import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import { authenticate, SESSION_COOKIE } from '../../platform/auth/guard.js';
import { decoyPasswordHash, verifyPassword } from '../../platform/auth/passwords.js';
import { createSession, endSession, IDLE_TIMEOUT_MS } from '../../platform/auth/sessions.js';
import { AppError } from '../../platform/http/errors.js';

const MAX_FAILED_LOGINS = 5;
const LOCK_MINUTES = 30;

const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64, description: '用户名' }),
    password: Type.String({ minLength: 1, maxLength: 256, description: '密码' }),
  },
  { additionalProperties: false },
);

const SessionView = Type.Object({
  csrfToken: Type.String({ description: '在每个写请求的 X-CSRF-Token 请求头中回传' }),
  staff: Type.Object({
    id: Type.Integer(),
    username: Type.String(),
    name: Type.String(),
    roles: Type.Array(Type.Enum([...ROLES])),
    unit: Type.Object({ id: Type.Integer(), name: Type.String(), scope: Type.String(), kind: Type.String({ description: '单位类别，如 command_centre、station' }) }),
  }),
  idleTimeoutMinutes: Type.Integer(),
});

/** Login attempts one client address may make per minute, over all accounts, as a multiple of the per-account limit. */
const LOGINS_PER_ADDRESS = 10;

export async function identityRoutes(app: FastifyInstance, ctx: AppContext) {
  const { db, clock } = ctx;
  // Counted on every attempt, before the body is read: one address trying many accounts (each attempt costs an
  // argon2 hash) is held back here; a station's colleagues behind one router stay well under it.
  const perAddress = app.createRateLimit({ max: LOGINS_PER_ADDRESS * ctx.rateLimits.loginPerMinute, timeWindow: 60_000 });

  app.post('/api/v1/staff/session', {
    schema: {
      tags: ['staff: session'], summary: '登录', body: LoginBody,
      response: { 200: SessionView, 401: ErrorResponse(), 423: ErrorResponse() },
    },
    onRequest: async (request, reply) => {
      const limit = await perAddress(request);
      if (!limit.isAllowed && limit.isExceeded) {
        const seconds = Math.max(1, limit.ttlInSeconds);
        request.log.warn({ ip: request.ip, url: request.url }, 'login rate limit per address hit');
        reply.header('retry-after', String(seconds));
        throw new AppError('RATE_LIMITED', { seconds });
      }
    },
    // Also counted per client address and account name, after the body is read: a station's officers share
    // one address behind its router and log in together at a shift change. Guessing at one account is
    // held back by this limit and then by the account lockout.
    config: {
      rateLimit: {
        max: ctx.rateLimits.loginPerMinute, timeWindow: 60_000, hook: 'preHandler',
        keyGenerator: (request) => `${request.ip}\u0000${String((request.body as { username?: unknown })?.username ?? '').toLowerCase()}`,
      },
    },
  }, async (request, reply) => {
    const { username, password } = request.body as { username: string; password: string };
    const now = clock();
    const { rows } = await db.query(
      `SELECT st.id, st.username, st.display_name, st.roles, st.password_hash, st.status, st.failed_logins, st.locked_until,
              u.id AS unit_id, u.name AS unit_name, u.scope
         FROM staff st JOIN units u ON u.id = st.unit_id WHERE st.username = $1`,
      [username.trim().toLowerCase()],
    );
    const staff = rows[0];
    if (!staff) {
      await verifyPassword(await decoyPasswordHash(), password);
      await recordAudit(db, { actorStaffId: null, action: 'session.login', outcome: 'failure', ip: request.ip, subject: username.slice(0, 64), detail: { why: 'unknown_user' } });
      throw new AppError('LOGIN_FAILED');
    }
    if (staff.locked_until && new Date(staff.locked_until) > now) {
      const minutes = Math.ceil((new Date(staff.locked_until).getTime() - now.getTime()) / 60_000);
      await recordAudit(db, { actorStaffId: staff.id, action: 'session.login', outcome: 'failure', ip: request.ip, detail: { why: 'locked' } });
      throw new AppError('ACCOUNT_LOCKED', { minutes });
    }
    if (!(await verifyPassword(staff.password_hash, password))) {
      // One atomic update, so parallel guesses cannot lose each other's count or undo a lock.
      const { rows: counted } = await db.query<{ failed_logins: number; locked: boolean }>(
        `UPDATE staff SET failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
                          locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3::timestamptz ELSE locked_until END
          WHERE id = $1
          RETURNING failed_logins, locked_until = $3::timestamptz AS locked`,
        [staff.id, MAX_FAILED_LOGINS, new Date(now.getTime() + LOCK_MINUTES * 60_000)]);
      const lock = counted[0].locked;
      await recordAudit(db, { actorStaffId: staff.id, action: lock ? 'session.locked' : 'session.login', outcome: 'failure', ip: request.ip,
        detail: { failedAttempts: lock ? MAX_FAILED_LOGINS : counted[0].failed_logins } });
      if (lock) throw new AppError('ACCOUNT_LOCKED', { minutes: LOCK_MINUTES });
      throw new AppError('LOGIN_FAILED');
    }
    if (staff.status !== 'active') {
      await recordAudit(db, { actorStaffId: staff.id, action: 'session.login', outcome: 'failure', ip: request.ip, detail: { why: 'disabled' } });
      throw new AppError('ACCOUNT_DISABLED');
    }
    const session = await db.transaction(async (tx) => {
      await tx.query('UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE id = $1', [staff.id]);
      const created = await createSession(tx, staff.id, now, request.ip, request.headers['user-agent']);
      await recordAudit(tx, { actorStaffId: staff.id, action: 'session.login', outcome: 'success', ip: request.ip });
      return created;
    });
    reply.setCookie(SESSION_COOKIE, session.token, { path: '/', httpOnly: true, sameSite: 'strict', secure: 'auto' });
    return {
      csrfToken: session.csrfToken,
      staff: {
        id: staff.id, username: staff.username, name: staff.display_name, roles: staff.roles,
        unit: { id: staff.unit_id, name: staff.unit_name, scope: staff.scope, kind: (await ctx.org.unit(staff.unit_id))?.kind ?? '' },
      },
      idleTimeoutMinutes: IDLE_TIMEOUT_MS / 60_000,
    };
  });

  app.register(async (secured) => {
    secured.addHook('preHandler', authenticate(db, clock));

    secured.get('/api/v1/staff/session', {
      schema: { tags: ['staff: session'], summary: '当前登录信息', response: { 200: SessionView, 401: ErrorResponse() } },
    }, async (request) => {
      const actor = request.actor;
      return {
        csrfToken: actor.csrfToken,
        staff: {
          id: actor.staffId, username: actor.username, name: actor.name, roles: actor.roles,
          unit: { id: actor.unitId, name: actor.unitName, scope: actor.unitScope, kind: (await ctx.org.unit(actor.unitId))?.kind ?? '' },
        },
        idleTimeoutMinutes: IDLE_TIMEOUT_MS / 60_000,
      };
    });

    secured.delete('/api/v1/staff/session', {
      schema: { tags: ['staff: session'], summary: '退出登录', response: { 204: Type.Null() } },
    }, async (request, reply) => {
      await db.transaction(async (tx) => {
        await endSession(tx, request.actor.sessionHash);
        await recordAudit(tx, { actorStaffId: request.actor.staffId, action: 'session.logout', outcome: 'success', ip: request.ip });
      });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    });
  });
}
