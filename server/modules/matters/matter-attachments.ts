import type { AppContext } from '../../app-context.js';
import type { Actor } from '../../platform/auth/sessions.js';
import {
  describeUploads, insertAttachments, reserveAttachmentIds, type AttachmentAccess, type AttachmentListing, type Upload,
} from '../attachments/index.js';
import { assertMay } from './matter-access.js';
import { findMatterById } from './matters.repo.js';
import { act, matterByTrackingCode } from './matters.service.js';

/** Staff add files to a matter: the same permission and states as an internal note; the files stay internal. */
export async function addStaffAttachments(ctx: AppContext, actor: Actor, id: number, uploads: Upload[]) {
  const done = await act(ctx, actor, id, 'matter.note', 'note', undefined, async ({ tx, matter, now, event }) => {
    const ids = await reserveAttachmentIds(tx, uploads.length);
    const described = describeUploads(uploads, ids);
    const seq = await event({ type: 'attachment.added', visibility: 'internal', payload: { attachments: described } });
    await insertAttachments(tx, matter.jurisdiction_id, matter.id, uploads, ids, { kind: 'staff', staffId: actor.staffId }, now, seq);
    // What was just written, as listAttachments would read it back.
    return described.map((a): AttachmentListing => ({ ...a, addedAt: now, addedByKind: 'staff', addedByStaffId: actor.staffId, eventSeq: seq }));
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
      const matter = await matterByTrackingCode(ctx, ctx.db, trackingCode);
      return { jurisdictionId: matter.jurisdiction_id, matterId: matter.id };
    },
  };
}
