/** 附件: photos and PDFs of a matter, stored in PostgreSQL with the matter (decision 0009). Owns `matter_attachments`. */
export {
  describeUploads, insertAttachments, listAttachments, reserveAttachmentIds, type AttachmentInfo, type AttachmentListing,
} from './attachments.repo.js';
export { attachmentRoutes, presentAttachment, type AttachmentAccess } from './attachments.routes.js';
export { acceptUploads, multipartBody, uploadsOf, type Upload } from './uploads.js';
