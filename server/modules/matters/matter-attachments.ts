import type { AppContext } from '../../app-context.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { AppError } from '../../platform/http/errors.js';
import {
  describeUploads, insertAttachments, listAttachments, reserveAttachmentIds, type AttachmentAccess, type Upload,
} from '../attachments/index.js';
import { assertMay } from './matter-access.js';
import { findMatterById, findMatterByTrackingCode } from './matters.repo.js';
import { act } from './matters.service.js';
import { normalizeTrackingCode } from './tracking-code.js';

/** Staff add files to a matter: the same permission and states as an internal note; the files stay internal. */
export async function addStaffAttachments(ctx: AppContext, actor: Actor, id: number, uploads: Upload[]) {
  const done = await act(ctx, actor, id, 'matter.note', 'note', undefined, async ({ tx, matter, now, event }) => {
    const ids = await reserveAttachmentIds(tx, uploads.length);
    const seq = await event({ type: 'attachment.added', visibility: 'internal', payload: { attachments: describeUploads(uploads, ids) } });
    await insertAttachments(tx, matter.jurisdiction_id, matter.id, uploads, ids, { kind: 'staff', staffId: actor.staffId }, now, seq);
    const added = new Set(ids);
    return (await listAttachments(tx, matter.jurisdiction_id, matter.id)).filter((a) => added.has(a.id));
  });
  return { id: done.id, version: done.version, attachments: done.value };
}

/** How the attachments module's routes reach a matter: through the same access checks as every matter route. */
export function attachmentAccess(ctx: AppContext): AttachmentAccess {
  return {
    staffMatter: async (actor, id) => {
      const matter = await findMatterById(ctx.db, id);
      assertMay(actor, matter, 'matter.read');
      return { jurisdictionId: matter.jurisdiction_id, matterId: matter.id };
    },
    addFromStaff: (actor, id, uploads) => addStaffAttachments(ctx, actor, id, uploads),
    citizenMatter: async (trackingCode) => {
      const code = normalizeTrackingCode(trackingCode);
      const jurisdiction = code ? await ctx.org.jurisdictionByCode(code.slice(0, 2)) : undefined;
      const matter = code && jurisdiction ? await findMatterByTrackingCode(ctx.db, jurisdiction.id, code) : undefined;
      if (!matter) throw new AppError('TRACKING_CODE_NOT_FOUND');
      return { jurisdictionId: matter.jurisdiction_id, matterId: matter.id };
    },
  };
}
