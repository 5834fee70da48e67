import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorMessage, type ErrorBody, type ErrorCode, type FieldError, type Locale, type MessageParam } from '../../../common/errors.js';
import { ERRORS } from '../../../common/errors.js';
import { fieldErrorsOf, type AjvError } from './validation-messages.js';

/** A field error raised by business rules, in both UI languages. */
export type LocalizedFieldError = { path: string; zh: string; en: string };

/** A failure the user can act on; its code picks the status and the message in the user's language. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, MessageParam> = {},
    readonly fields?: LocalizedFieldError[],
  ) {
    super(code);
  }
}

/** zh-CN unless the client prefers English (Accept-Language, q-values honoured). */
export function localeOf(request: FastifyRequest): Locale {
  const header = request.headers['accept-language'];
  if (!header) return 'zh-CN';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag, q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.tag.startsWith('zh') || entry.tag.startsWith('en'))
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.tag.startsWith('en') ? 'en' : 'zh-CN';
}

export function sendError(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, params: Record<string, MessageParam> = {}, fields?: FieldError[]) {
  const body: ErrorBody = {
    error: { code, message: errorMessage(code, localeOf(request), params), requestId: String(request.id), ...(fields ? { fields } : {}) },
  };
  return reply.code(ERRORS[code].status).type('application/json; charset=utf-8').send(body);
}

const RETRYABLE_SQLSTATES = new Set(['40001', '40P01', '53000', '53100', '53200', '53300', '57P03', '08006', '08001']);

export function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError & { sqlState?: string; code?: string }, request, reply) => {
    if (error instanceof AppError) {
      const english = localeOf(request) === 'en';
      const fields = error.fields?.map((field) => ({ path: field.path, message: english ? field.en : field.zh }));
      return sendError(request, reply, error.code, error.params, fields);
    }
    if (error.validation) {
      const locale = localeOf(request);
      const fields = fieldErrorsOf(error.validation as AjvError[], error.validationContext ?? 'body', locale);
      request.log.info({ fields }, 'validation failed');
      return sendError(request, reply, 'VALIDATION_FAILED', {}, fields);
    }
    if (error.statusCode === 429) {
      const seconds = Math.max(1, Math.ceil(Number(reply.getHeader('retry-after') ?? 60)));
      request.log.warn({ ip: request.ip, url: request.url }, 'rate limit hit');
      return sendError(request, reply, 'RATE_LIMITED', { seconds });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(request, reply, 'PAYLOAD_TOO_LARGE');
    const pgCode = typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code) ? error.code : undefined;
    if (pgCode && RETRYABLE_SQLSTATES.has(pgCode)) {
      request.log.error({ err: error }, 'database unavailable');
      reply.header('retry-after', '5');
      return sendError(request, reply, 'SERVICE_UNAVAILABLE');
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      request.log.info({ err: error }, 'bad request');
      return sendError(request, reply, error.statusCode === 404 ? 'NOT_FOUND' : 'BAD_REQUEST');
    }
    // Never echo the internal message: it may carry SQL, paths or personal data.
    request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, 'INTERNAL');
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, 'NOT_FOUND'));
}
