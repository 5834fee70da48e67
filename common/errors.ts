/** Every error the API can answer with: its HTTP status and its message in each UI language. */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, zh: '提交的内容有误，请按提示修改', en: 'Some fields are not valid; see the details' },
  BAD_REQUEST: { status: 400, zh: '请求格式不正确', en: 'The request is malformed' },
  IDEMPOTENCY_KEY_INVALID: { status: 400, zh: 'Idempotency-Key 请求头格式不正确（8–64 位字母、数字或 -_）', en: 'The Idempotency-Key header must be 8–64 letters, digits, - or _' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, zh: '该提交编号已用于另一份不同的内容，请刷新页面后重新提交', en: 'This Idempotency-Key was already used for a different submission; reload and submit again' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please log in' },
  SESSION_EXPIRED: { status: 401, zh: '登录已超时，请重新登录', en: 'Your session has expired; please log in again' },
  LOGIN_FAILED: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_LOCKED: { status: 423, zh: '连续登录失败次数过多，账号已锁定，请 {minutes} 分钟后再试或联系管理员', en: 'Too many failed logins; the account is locked for {minutes} more minutes' },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用，请联系管理员', en: 'This account is disabled; contact an administrator' },
  CSRF_INVALID: { status: 403, zh: '页面已过期，请刷新后重试', en: 'The page is out of date; reload and try again' },
  FORBIDDEN: { status: 403, zh: '您没有执行此操作的权限', en: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, zh: '未找到相应内容', en: 'Not found' },
  MATTER_NOT_FOUND: { status: 404, zh: '事项不存在，或您无权查看', en: 'No such matter, or you may not see it' },
  TRACKING_CODE_NOT_FOUND: { status: 404, zh: '查询码不存在，请核对后重新输入', en: 'No matter has this tracking code; check it and try again' },
  VERSION_CONFLICT: { status: 409, zh: '该事项已被他人修改，请刷新后再操作', en: 'Someone else changed this matter; reload it and try again' },
  INVALID_TRANSITION: { status: 409, zh: '事项当前状态为“{state}”，不能执行此操作', en: 'This action is not allowed while the matter is "{state}"' },
  NOT_YOUR_MATTER: { status: 403, zh: '只有当前承办人或承办单位负责人可以办理该事项', en: 'Only the current handler or their unit leader may act on this matter' },
  TRANSFER_NOT_FOR_YOU: { status: 403, zh: '该转办不是发给您或您的单位的', en: 'This transfer was not sent to you or your unit' },
  TRANSFER_TO_SELF: { status: 409, zh: '不能转办给当前承办单位自己', en: 'The matter is already with that unit' },
  UNKNOWN_UNIT: { status: 400, zh: '接收单位不存在或已停用', en: 'The receiving unit does not exist or is inactive' },
  UNKNOWN_OFFICER: { status: 400, zh: '接收民警不存在，或不属于接收单位', en: 'The receiving officer does not exist or is not in that unit' },
  UNKNOWN_KIND: { status: 400, zh: '事项类型不存在', en: 'Unknown kind of matter' },
  UNKNOWN_JURISDICTION: { status: 400, zh: '辖区不存在', en: 'Unknown jurisdiction' },
  RECEIVED_IN_FUTURE: { status: 400, zh: '接收时间不能晚于当前时间', en: 'The time received cannot be in the future' },
  PAUSE_REASON_NOT_ALLOWED: { status: 400, zh: '此类事项不允许以该原因暂停计时', en: 'This kind of matter cannot be paused for that reason' },
  EXTENSION_NOT_ALLOWED: { status: 409, zh: '此类事项不能延期，或已经延期过一次', en: 'This matter cannot be extended, or was already extended once' },
  REOPEN_WINDOW_CLOSED: { status: 409, zh: '已超过可申请重新办理的期限（办结后 {days} 天内）', en: 'The reopening window ({days} days after closing) has passed' },
  RATING_NOT_OPEN: { status: 409, zh: '事项办结后才能评价，目前状态为“{status}”', en: 'A matter can be rated once it is closed; it is "{status}" now' },
  ALREADY_RATED: { status: 409, zh: '您已评价过本次办理结果，评价提交后不能修改', en: 'You have already rated this handling; a rating cannot be changed' },
  NOTHING_REQUESTED: { status: 409, zh: '目前没有需要您补充的材料', en: 'Nothing is being asked of you at the moment' },
  REVEAL_REASON_REQUIRED: { status: 400, zh: '查看完整个人信息须填写理由', en: 'A reason is required to view personal data unmasked' },
  WEAK_PASSWORD: { status: 400, zh: '密码至少 8 位，且须包含大写字母、小写字母、数字、符号中的至少 3 类', en: 'A password needs at least 8 characters from at least 3 of: upper case, lower case, digits, symbols' },
  USERNAME_TAKEN: { status: 409, zh: '该用户名已被使用', en: 'This username is taken' },
  CALENDAR_NOTICE_INVALID: { status: 400, zh: '节假日通知无法解析，请按提示修改', en: 'The holiday notice could not be read; see the details' },
  CALENDAR_YEAR_LOADED: { status: 409, zh: '{year} 年的节假日安排已加载', en: 'The calendar for {year} is already loaded' },
  UNIT_BUSY: { status: 409, zh: '“{name}”还有 {matters} 件未办结事项（含待签收的转办）和 {staff} 名在岗人员，不能停用；请先将事项转办、人员调出或停用后再试', en: '"{name}" still has {matters} open matters (pending transfers included) and {staff} active staff; transfer the matters and move or disable the staff first' },
  UNIT_RECEIVES_PORTAL: { status: 409, zh: '“{name}”负责接收网上来件，不能停用', en: '"{name}" receives the portal\'s submissions and cannot be deactivated' },
  UNIT_CODE_TAKEN: { status: 409, zh: '单位代码“{code}”已被使用', en: 'The unit code "{code}" is taken' },
  UNIT_PARENT_INVALID: { status: 400, zh: '上级单位不存在，或是该单位本身或其下级单位', en: 'The parent unit does not exist, or is the unit itself or one of its sub-units' },
  KIND_VERSION_CONFLICT: { status: 409, zh: '该事项类型的时限规则已被他人修改，请刷新后核对再保存', en: 'Someone else changed this kind\'s rules; reload, check and save again' },
  LAST_ADMIN: { status: 409, zh: '不能停用自己的账号或取消自己的系统管理员角色，也不能让系统失去最后一名在岗管理员', en: 'You cannot disable your own account or drop your own administrator role, nor remove the last active administrator' },
  SUPERVISION_ORDER_NOT_FOUND: { status: 404, zh: '该事项没有这份督办单', en: 'This matter has no such supervision order' },
  SUPERVISION_NOT_FOR_YOU: { status: 403, zh: '该督办单不是发给您或您的单位的，只有被督办单位可以反馈', en: 'This supervision order was not addressed to you or your unit; only the addressed unit may answer it' },
  SUPERVISION_ALREADY_ANSWERED: { status: 409, zh: '该督办单已经反馈过，不能重复反馈', en: 'This supervision order has already been answered' },
  EXPORT_TOO_LARGE: { status: 400, zh: '符合条件的事项超过 {max} 条，无法导出，请缩小筛选范围（如时间段、单位、状态）后再导出', en: 'More than {max} matters match; narrow the filters (time range, unit, state) and export again' },
  STATS_RANGE_REVERSED: { status: 400, zh: '开始日期不能晚于结束日期', en: 'The start date cannot be after the end date' },
  STATS_RANGE_TOO_LONG: { status: 400, zh: '统计时间段最长 {max} 天，请缩短后再试', en: 'The range can cover at most {max} days; shorten it and try again' },
  DUPLICATE_SUSPECTED: { status: 409, zh: '您在 {at} 已提交过相同内容，无需重复提交；如确需再次提交，请确认后再提交', en: 'You sent the same text at {at}; there is no need to send it again. Confirm if you really mean to send it twice' },
  RATE_LIMITED: { status: 429, zh: '操作过于频繁，请 {seconds} 秒后再试', en: 'Too many requests; try again in {seconds} seconds' },
  ATTACHMENT_TYPE_NOT_ALLOWED: { status: 415, zh: '文件“{name}”的类型不允许上传，只能上传 {types} 格式的图片或文件', en: 'The file "{name}" is not of an allowed type; only {types} files can be attached' },
  ATTACHMENT_TOO_LARGE: { status: 413, zh: '文件“{name}”超过 {limit}，请压缩或拆分后再上传', en: 'The file "{name}" is larger than {limit}; make it smaller and try again' },
  ATTACHMENT_TOO_MANY: { status: 400, zh: '一次最多上传 {max} 个附件', en: 'At most {max} files can be attached at a time' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '提交的内容过大', en: 'The request is too large' },
  SERVICE_UNAVAILABLE: { status: 503, zh: '系统繁忙，请稍后再试', en: 'The service is busy; try again shortly' },
  INTERNAL: { status: 500, zh: '系统内部错误，请稍后再试；如持续出现请联系管理员并提供请求编号', en: 'Internal error; try again later, and quote the request id if it persists' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;
export type Locale = 'zh-CN' | 'en';

export type FieldError = { path: string; message: string };

/** The body of every error response. */
export type ErrorBody = {
  error: { code: ErrorCode; message: string; requestId: string; fields?: FieldError[] };
};

/** A value placed into a message: plain, or given in both languages (a state's name, say). */
export type MessageParam = string | number | { zh: string; en: string };

export function errorMessage(code: ErrorCode, locale: Locale, params: Record<string, MessageParam> = {}): string {
  const template = locale === 'en' ? ERRORS[code].en : ERRORS[code].zh;
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key] ?? '';
    return typeof value === 'object' ? (locale === 'en' ? value.en : value.zh) : String(value);
  });
}
