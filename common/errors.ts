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
  ACTION_OWNED_BY_PROCEDURE: { status: 409, zh: '此类事项须在其专门的办理卡片中操作（信访须写明受理理由和处理意见，建议提案须注明答复类别）', en: 'Use this kind\'s own card for this action (petitions need reasons and a written opinion; proposals need a reply class)' },
  DUPLICATE_SUSPECTED: { status: 409, zh: '您在 {at} 已提交过相同内容，无需重复提交；如确需再次提交，请确认后再提交', en: 'You sent the same text at {at}; there is no need to send it again. Confirm if you really mean to send it twice' },
  // 群众信箱 and 网上留言 (server/modules/posts).
  POST_NOT_FOUND: { status: 404, zh: '没有这封来信或这条留言，或您无权查看', en: 'No such letter or post, or you may not see it' },
  POST_NOT_FOR_PUBLICATION: { status: 409, zh: '来信人未同意公开，或属于举报，不能公开', en: 'The writer did not agree to publication, or it is a report; it cannot be published' },
  POST_VERSION_CONFLICT: { status: 409, zh: '该留言的审核结果已被他人修改，请刷新后再操作', en: 'Someone else changed the moderation of this post; reload it and try again' },
  // Follow-up (回访), ratings, rectification (差评整改) and appeals.
  FOLLOW_UP_LINK_INVALID: { status: 404, zh: '评价链接无效，请核对短信中的链接是否完整', en: 'This rating link is not valid; check that the whole link from the message was opened' },
  FOLLOW_UP_LINK_USED: { status: 410, zh: '该评价链接已经使用过，每个链接只能评价一次；办理情况可凭查询码查看', en: 'This rating link has already been used; each link works once. You can follow the matter with its tracking code' },
  FOLLOW_UP_LINK_EXPIRED: { status: 410, zh: '该评价链接已过期（发出后 {days} 天内有效）；如有意见可拨打 12389 或凭查询码查看办理情况', en: 'This rating link has expired (it works for {days} days); you can call 12389 or follow the matter with its tracking code' },
  FOLLOW_UP_NOT_FOUND: { status: 404, zh: '该事项没有这一次办理的回访记录', en: 'This matter has no follow-up for that handling' },
  FOLLOW_UP_NOT_CALLABLE: { status: 409, zh: '该回访目前状态为“{status}”，不在电话回访队列中', en: 'This follow-up is "{status}" and not in the call queue' },
  FOLLOW_UP_CHANGED: { status: 409, zh: '该回访记录已被他人更新，请刷新后再操作', en: 'Someone else updated this follow-up; reload it and try again' },
  FOLLOW_UP_RECUSED: { status: 403, zh: '您或您所在单位承办了该事项，不能回访或记录对它的评价，请由其他人员回访', en: 'You or your unit handled this matter, so you may not follow it up or record its rating; someone else must' },
  FOLLOW_UP_COMMAND_CENTRE_ONLY: { status: 403, zh: '电话回访由指挥中心人员负责，您所在单位不能执行', en: 'Follow-up calls are made by the command centre; your unit cannot make them' },
  RECTIFICATION_NOT_FOUND: { status: 404, zh: '该事项没有这一次办理的整改', en: 'This matter has no rectification for that handling' },
  RECTIFICATION_DONE: { status: 409, zh: '该整改已经反馈过，不能重复反馈', en: 'This rectification has already been answered' },
  RECTIFICATION_NOT_YOUR_UNIT: { status: 403, zh: '只有被评价的承办单位可以反馈整改情况', en: 'Only the unit that was rated may answer the rectification' },
  RATING_NOT_FOUND: { status: 404, zh: '该事项这一次办理还没有评价', en: 'There is no rating for that handling of the matter' },
  APPEAL_EXISTS: { status: 409, zh: '该评价已经申诉过，每个评价只能申诉一次', en: 'This rating has already been appealed; a rating can be appealed once' },
  APPEAL_NOT_YOUR_UNIT: { status: 403, zh: '只有被评价单位的人员可以对该评价申诉', en: 'Only staff of the rated unit may appeal this rating' },
  APPEAL_NOT_FOUND: { status: 404, zh: '该评价没有申诉', en: 'This rating has not been appealed' },
  APPEAL_DECIDED: { status: 409, zh: '该申诉已经裁决，不能重复裁决', en: 'This appeal has already been decided' },
  APPEAL_CONFLICT_OF_INTEREST: { status: 403, zh: '申诉人本人和被评价单位的人员不能裁决该申诉', en: 'The appellant and staff of the rated unit may not decide this appeal' },
  // Complaints about officers, reports, conduct supervisors (server/modules/conduct, decision 0015).
  RECUSED_RECEIVER: { status: 409, zh: '该事项涉及接收方（被投诉、举报的民警或其所在单位、上级负责人），接收方须回避，不能转办或督办给他们', en: 'The receiver is concerned by this matter (an officer complained about or reported, their unit or their chain of command) and must step aside' },
  REPORTER_SEALED: { status: 403, zh: '举报人信息已密封；督察、局领导或承办单位负责人可说明理由后解封查看', en: 'The reporter\'s identity is sealed; a supervisor, a bureau leader or the handling unit\'s leader may unseal it with a reason' },
  REPORT_ANONYMOUS: { status: 409, zh: '这是匿名举报，没有举报人信息', en: 'This report is anonymous; there is no reporter\'s identity' },
  NOT_CONDUCT_MATTER: { status: 409, zh: '只有投诉、举报和警风警纪监督意见可以关联涉及民警', en: 'Only complaints, reports and conduct observations can name the officers concerned' },
  CONCERNED_OFFICER_UNKNOWN: { status: 400, zh: '所选民警不存在或已停用', en: 'No active officer has that id' },
  OFFICER_ALREADY_LINKED: { status: 409, zh: '该民警已关联到此事项', en: 'This officer is already linked to the matter' },
  OFFICER_NOT_LINKED: { status: 404, zh: '该民警未关联到此事项', en: 'This officer is not linked to the matter' },
  FINDING_BEFORE_REPLY: { status: 409, zh: '答复群众后才能认定投诉（举报）是否属实，目前状态为“{state}”', en: 'A finding can be recorded once the matter is answered; it is "{state}" now' },
  ROLE_NOT_FOR_UNIT: { status: 400, zh: '警风警纪监督员只能设在“外部人员”单位且不兼任其他角色，外部人员单位也只能设警风警纪监督员', en: 'A conduct supervisor belongs to an external unit and holds no other role, and an external unit holds only conduct supervisors' },
  // 建议提案 and 局长接访日 (server/modules/proposals, server/modules/reception).
  PROPOSAL_NOT_FOUND: { status: 404, zh: '该事项不是建议提案，或您无权查看', en: 'This matter is not a proposal, or you may not see it' },
  PROPOSAL_REGISTRAR_ONLY: { status: 403, zh: '建议提案由县局机关统一登记、交办和安排重办', en: 'Proposals are registered, assigned and sent back for redo by the county bureau\'s office' },
  PROPOSAL_NUMBER_TAKEN: { status: 409, zh: '{session}第 {number} 号{type}已经登记', en: '{type} no. {number} of {session} is already registered' },
  PROPOSAL_UNIT_INVALID: { status: 400, zh: '主办或协办单位不存在、已停用或重复', en: 'A lead or co-handling unit does not exist, is inactive or appears twice' },
  PROPOSAL_NOT_CO_UNIT: { status: 403, zh: '只有本件的协办单位可以提交协办意见', en: 'Only a co-handling unit of this proposal may give an opinion on it' },
  PROPOSAL_OPINION_GIVEN: { status: 409, zh: '本单位的协办意见已经提交，不能修改', en: 'Your unit has already given its opinion; it cannot be changed' },
  PROPOSAL_OPINIONS_PENDING: { status: 409, zh: '还有 {count} 个协办单位未提交书面意见，请催办后再答复', en: '{count} co-handling unit(s) have not given their written opinion yet; chase them before replying' },
  PROPOSAL_ALREADY_CONTACTED: { status: 409, zh: '已记录过与代表（委员）的办前沟通', en: 'The first contact with the proposer is already recorded' },
  PROPOSAL_REDO_NOT_DUE: { status: 409, zh: '代表（委员）对本次答复评价为不满意后才能安排重办', en: 'A redo can be ordered only after the proposer rated this reply as dissatisfied' },
  RECEPTION_OFFICE_ONLY: { status: 403, zh: '接访日安排和接访记录由信访部门或局领导管理', en: 'Reception days and their records are kept by the petition office or the bureau\'s leaders' },
  RECEPTION_LEADER_INVALID: { status: 400, zh: '接访领导须为在岗的局领导', en: 'The receiving leader must be an active member of the bureau\'s leadership' },
  RECEPTION_DATE_PAST: { status: 400, zh: '接访日期不能早于今天', en: 'A reception day cannot be in the past' },
  RECEPTION_DAY_NOT_FOUND: { status: 404, zh: '该接访日不存在或已取消', en: 'No such reception day, or it was cancelled' },
  RECEPTION_SLOT_INVALID: { status: 400, zh: '所选时段不存在，请重新选择', en: 'There is no such time slot; choose again' },
  RECEPTION_SLOT_PAST: { status: 409, zh: '所选时段已过，请选择其他时段或接访日', en: 'That time slot has passed; choose another slot or day' },
  RECEPTION_SLOT_TAKEN: { status: 409, zh: '该时段刚被他人预约，请选择其他时段', en: 'Someone has just booked that slot; choose another one' },
  RECEPTION_DAY_FULL: { status: 409, zh: '该接访日已约满，请选择其他接访日', en: 'This reception day is fully booked; choose another day' },
  RECEPTION_ONE_PER_DAY: { status: 409, zh: '该手机号当天已有预约，每个手机号每天只能预约一次', en: 'This phone number already has a booking that day; one booking per number per day' },
  RECEPTION_BOOKING_NOT_FOUND: { status: 404, zh: '预约码不存在，请核对后重新输入', en: 'No booking has this code; check it and try again' },
  RECEPTION_NOT_CANCELLABLE: { status: 409, zh: '该预约已取消或接访已开始，不能取消', en: 'This booking is already cancelled or its meeting has started; it cannot be cancelled' },
  RECEPTION_BOOKING_CANCELLED: { status: 409, zh: '该预约已取消', en: 'This booking was cancelled' },
  RECEPTION_NOT_RECORDED: { status: 409, zh: '请先记录本次接访情况（来访人到场），再由此登记事项', en: 'Record the meeting (the visitor came) before registering a matter from it' },
  // 信访 (server/modules/petitions, decision 0014).
  PETITION_NOT_FOUND: { status: 404, zh: '该事项不是信访事项，或您无权查看', en: 'This matter is not a petition, or you may not see it' },
  PETITION_OFFICE_ONLY: { status: 403, zh: '信访事项只能由信访部门或局领导登记', en: 'Only the petition office or the bureau\'s leaders may register a petition' },
  PETITION_WRONG_STAGE: { status: 409, zh: '该信访事项目前处于“{stage}”阶段，不能执行此操作', en: 'This cannot be done while the petition is "{stage}"' },
  PETITION_EARLIER_FINAL: { status: 409, zh: '该信访人此前反映的事项（{caseNo}）已于 {date} 复核终结。依照《信访工作条例》第三十六条，以同一事实和理由提出的投诉请求不再受理；请登记为不予受理，或在确有新的事实和理由时确认后登记', en: 'This person\'s earlier petition ({caseNo}) became final after re-review on {date}. Under Art. 36 of the Regulation, the same facts and reasons are not accepted again: record it as not accepted, or confirm that it brings new facts or reasons' },
  PETITION_NOTHING_FINAL: { status: 409, zh: '该信访人没有已复核终结的信访事项，不能以此理由不予受理', en: 'This person has no petition that is final after re-review; it cannot be refused on that ground' },
  PETITION_REVIEW_WINDOW_CLOSED: { status: 409, zh: '申请{level}的期限已于 {until} 届满（自收到意见书之日起 30 日内，《信访工作条例》第{article}条）', en: 'The time to ask for a {level} ended on {until} (30 days from receiving the opinion, Art. {article} of the Regulation)' },
  PETITION_REVIEW_NOT_OPEN: { status: 409, zh: '该信访事项目前处于“{stage}”阶段，不能申请复查或复核', en: 'No review can be asked for while the petition is "{stage}"' },
  PETITION_FINAL: { status: 409, zh: '该信访事项已复核终结，依照《信访工作条例》第三十六条不再受理复查、复核申请', en: 'This petition is final after re-review; under Art. 36 of the Regulation no further review is accepted' },
  PETITION_REPEAT_INVALID: { status: 400, zh: '只能关联同一信访人此前登记的另一件信访事项', en: 'A petition can only be linked to another, earlier petition of the same person' },
  PETITION_VISIT_NOT_OPEN: { status: 409, zh: '出具书面处理意见后才能安排带案回访', en: 'A return visit can be planned once the written opinion is given' },
  PETITION_VISIT_NOT_FOUND: { status: 404, zh: '该信访事项没有这次回访', en: 'This petition has no such return visit' },
  PETITION_VISIT_RECORDED: { status: 409, zh: '这次回访已经记录，不能重复记录', en: 'This return visit has already been recorded' },
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
