/** 附件 (attachments): strings for the portal and the console. */
export const attachmentsZh = {
  label: '附件',
  pick: '选择照片或文件',
  hint: '可上传 {types} 格式，最多 {max} 个，每个不超过 {size}',
  wrongType: '“{name}”不是 {types} 格式，不能上传',
  tooLarge: '“{name}”超过 {size}，请压缩后再上传',
  tooMany: '最多上传 {max} 个附件，“{name}”未添加',
  title: '附件',
  none: '没有附件',
  byCitizen: '群众提交',
  byStaff: '民警添加',
  upload: '上传附件',
  uploaded: '已上传 {count} 个附件',
  uploadHint: '民警添加的附件仅内部可见',
};
export type AttachmentMessages = typeof attachmentsZh;
