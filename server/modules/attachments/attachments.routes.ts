import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { ATTACHMENTS_NOTE, AttachmentParams, PortalAttachmentParams, StaffAttachment } from '../../../common/contracts/attachments.js';
import { MatterIdParams } from '../../../common/contracts/matters.js';
import { ErrorResponse } from '../../../common/contracts/shared.js';
import type { AppContext } from '../../app-context.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { authenticate } from '../../platform/auth/guard.js';
import { sendDownload } from '../../platform/http/download.js';
import { AppError } from '../../platform/http/errors.js';
import { readAttachment, type AttachmentListing } from './attachments.repo.js';
import { acceptUploads, multipartBody, uploadsOf, type Upload } from './uploads.js';

/** A matter's key, once the caller has been allowed to see it. */
type MatterKey = { jurisdictionId: number; matterId: number };

/**
 * What this module needs from the matters module, handed in when the routes are registered (so this
 * module never imports the matters module, which imports this one for its storage).
 */
export type AttachmentAccess = {
  /** The matter, if the staff member may read it; MATTER_NOT_FOUND otherwise (other jurisdictions get 404). */
  staffMatter: (actor: Actor, id: number) => Promise<MatterKey>;
  /** Stores staff uploads with their timeline event, under the same permission as a note. */
  addFromStaff: (actor: Actor, id: number, uploads: Upload[]) => Promise<{ id: number; version: number; attachments: AttachmentListing[] }>;
  /** The matter of a tracking code; TRACKING_CODE_NOT_FOUND otherwise. */
  citizenMatter: (trackingCode: string) => Promise<MatterKey>;
};

const errors = {
  400: ErrorResponse(), 401: ErrorResponse(), 403: ErrorResponse(), 404: ErrorResponse(), 409: ErrorResponse(),
  413: ErrorResponse(), 415: ErrorResponse(), 429: ErrorResponse(),
};

/**
 * A stored file can never run as a page of this site: the type we sniffed (nosniff keeps the browser
 * from guessing another), a download, and a sandbox CSP in case it is opened directly anyway.
 */
function sendFile(reply: FastifyReply, file: { name: string; type: string; content: Buffer }) {
  return sendDownload(reply, { buffer: file.content, filename: file.name, type: file.type }, {
    'content-length': String(file.content.length),
    'x-content-type-options': 'nosniff',
    'content-security-policy': 'sandbox',
    'cache-control': 'private, no-store',
  });
}

/** An attachment in the staff view; the caller names the staff member who added it (null for the citizen's files). */
export const presentAttachment = (a: AttachmentListing, addedByName: string | null) => ({
  id: a.id, name: a.name, type: a.type, size: a.size, addedAt: a.addedAt.toISOString(), addedBy: a.addedByKind, addedByName,
});

export async function attachmentRoutes(app: FastifyInstance, ctx: AppContext, access: AttachmentAccess) {
  await app.register(async (staff) => {
    // Before the upload is read (the route's own preValidation): nobody streams files in without a session.
    staff.addHook('preValidation', authenticate(ctx.db, ctx.clock));
    await acceptUploads(staff);
    const tags = ['staff: matters'];

    staff.get('/api/v1/staff/matters/:id/attachments/:attachmentId', {
      schema: { tags, summary: '下载附件', params: AttachmentParams, produces: ['application/octet-stream'], response: errors },
    }, async (request, reply) => {
      const { id, attachmentId } = request.params as { id: number; attachmentId: number };
      const matter = await access.staffMatter(request.actor, id);
      const file = await readAttachment(ctx.db, matter.jurisdictionId, matter.matterId, attachmentId);
      if (!file) throw new AppError('NOT_FOUND');
      return sendFile(reply, file);
    });

    staff.post('/api/v1/staff/matters/:id/attachments', {
      schema: {
        tags, summary: '添加附件（内部，群众不可见）', consumes: ['multipart/form-data'],
        description: `multipart/form-data：${ATTACHMENTS_NOTE}。`,
        params: MatterIdParams,
        response: { 201: Type.Object({ id: Type.Integer(), version: Type.Integer(), attachments: Type.Array(StaffAttachment) }), ...errors },
      },
      preValidation: multipartBody(null),
    }, async (request, reply) => {
      if (!request.isMultipart()) throw new AppError('BAD_REQUEST');
      const uploads = uploadsOf(request);
      if (uploads.length === 0) {
        throw new AppError('VALIDATION_FAILED', {}, [{ path: 'files', zh: '请选择要上传的文件', en: 'Choose at least one file' }]);
      }
      const done = await access.addFromStaff(request.actor, (request.params as { id: number }).id, uploads);
      return reply.code(201).send({ id: done.id, version: done.version, attachments: done.attachments.map((a) => presentAttachment(a, request.actor.name)) });
    });
  });

  app.get('/api/v1/portal/matters/:trackingCode/attachments/:attachmentId', {
    schema: { tags: ['portal'], summary: '凭查询码下载本人提交的附件', params: PortalAttachmentParams, produces: ['application/octet-stream'], response: errors },
    config: { rateLimit: { max: ctx.rateLimits.portalReadPerMinute, timeWindow: 60_000 } },
  }, async (request, reply) => {
    const { trackingCode, attachmentId } = request.params as { trackingCode: string; attachmentId: number };
    const matter = await access.citizenMatter(trackingCode);
    const file = await readAttachment(ctx.db, matter.jurisdictionId, matter.matterId, attachmentId, true);
    if (!file) throw new AppError('NOT_FOUND');
    return sendFile(reply, file);
  });
}
