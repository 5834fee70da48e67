import { Type } from 'typebox';
import { ATTACHMENT_TYPES, MAX_ATTACHMENTS } from '../attachments.js';
import { DateTime, Id } from './shared.js';

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
export const PortalAttachmentParams = Type.Object(
  { trackingCode: Type.String({ minLength: 10, maxLength: 40, description: '查询码' }), attachmentId: Id },
  { additionalProperties: false },
);

/** How the multipart requests are shaped, for the OpenAPI document's readers. */
export const MULTIPART_NOTE =
  `也可用 multipart/form-data 提交：JSON 放在表单字段中，另附最多 ${MAX_ATTACHMENTS} 个文件（JPEG、PNG、GIF、WebP 或 PDF，每个不超过 10 MB；类型按文件内容识别）。`;
