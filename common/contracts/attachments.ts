import { Type } from 'typebox';
import { ALLOWED_TYPES_LABEL, ATTACHMENT_TYPES, MAX_ATTACHMENT_LABEL, MAX_ATTACHMENTS } from '../attachments.js';
import { DateTime, Id, TrackingCode } from './shared.js';

/** An attachment as the citizen sees it (their own files only). */
export const PublicAttachment = Type.Object({
  id: Type.Integer(),
  name: Type.String({ description: '文件名' }),
  type: Type.Enum([...ATTACHMENT_TYPES], { description: '文件类型（按内容识别）' }),
  size: Type.Integer({ description: '字节数' }),
});

/** An attachment in the staff view: who added it, and when. */
export const StaffAttachment = Type.Object({
  ...PublicAttachment.properties,
  addedAt: DateTime,
  addedBy: Type.Enum(['citizen', 'staff']),
  addedByName: Type.Union([Type.String(), Type.Null()]),
});

export const AttachmentParams = Type.Object({ id: Id, attachmentId: Id }, { additionalProperties: false });
/** The same tracking code property as TrackingCodeParams (common/contracts/matters.ts). */
export const PortalAttachmentParams = Type.Object({ trackingCode: TrackingCode, attachmentId: Id }, { additionalProperties: false });

/** Which files a request may bring, for the OpenAPI document's readers; built from the limits the server enforces. */
export const ATTACHMENTS_NOTE =
  `最多 ${MAX_ATTACHMENTS} 个文件（${ALLOWED_TYPES_LABEL}，每个不超过 ${MAX_ATTACHMENT_LABEL}；类型按文件内容识别）`;

/** How the multipart requests are shaped. */
export const MULTIPART_NOTE = `也可用 multipart/form-data 提交：JSON 放在表单字段中，另附${ATTACHMENTS_NOTE}。`;
