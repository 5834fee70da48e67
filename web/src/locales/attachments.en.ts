import type { AttachmentMessages } from './attachments.zh-CN';

export const attachmentsEn: AttachmentMessages = {
  label: 'Attachments',
  pick: 'Choose photos or files',
  hint: '{types}; up to {max} files of at most {size} each',
  wrongType: '"{name}" is not a {types} file and cannot be attached',
  tooLarge: '"{name}" is larger than {size}; make it smaller and try again',
  tooMany: 'At most {max} files can be attached; "{name}" was not added',
  title: 'Attachments',
  none: 'No attachments',
  byCitizen: 'From the citizen',
  byStaff: 'Added by staff',
  upload: 'Upload files',
  uploaded: '{count} file(s) uploaded',
  uploadHint: 'Files added by staff are internal only',
};
