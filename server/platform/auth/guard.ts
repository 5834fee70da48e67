import type { FastifyReply, FastifyRequest } from 'fastify';
import { mayGeneral, type GeneralPermission } from '../../../common/access.js';
import type { Database } from '../db/database.js';
import { AppError } from '../http/errors.js';
import { csrfMatches, findSession, type Actor } from './sessions.js';

export const SESSION_COOKIE = 'jm_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** preHandler for staff routes: a live session, and on writes the session's CSRF token (synchronizer pattern). */
export function authenticate(db: Database, clock: () => Date) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) throw new AppError('UNAUTHENTICATED');
    const found = await findSession(db, token, clock());
    if (!found) throw new AppError('UNAUTHENTICATED');
    if ('expired' in found) throw new AppError('SESSION_EXPIRED');
    if (!SAFE_METHODS.has(request.method)) {
      const presented = request.headers[CSRF_HEADER];
      if (!csrfMatches(found.actor.csrfToken, typeof presented === 'string' ? presented : undefined)) {
        request.log.warn({ staffId: found.actor.staffId, url: request.url }, 'csrf token missing or wrong');
        throw new AppError('CSRF_INVALID');
      }
    }
    request.actor = found.actor;
  };
}

export function requirePermission(permission: GeneralPermission) {
  return async (request: FastifyRequest) => {
    if (!mayGeneral(request.actor.roles, permission)) throw new AppError('FORBIDDEN');
  };
}
