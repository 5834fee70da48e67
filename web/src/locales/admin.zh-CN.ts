/** Strings of the administration pages (系统管理): units, jurisdictions, staff accounts, kinds' time limits (zh-CN). */
export const adminZh = {
  menu: { group: '系统管理', units: '单位与辖区', staff: '人员账号', kinds: '事项时限', calendar: '节假日安排' },
  common: {
    edit: '编辑', save: '保存', cancel: '取消', create: '新增', saved: '已保存', active: '启用', inactive: '停用',
    required: '请填写{label}', none: '—',
  },
  calendarMissing: '{year} 年的节假日安排尚未加载。国务院办公厅通知发布后（通常在 11 月）请及时加载，否则涉及该年度的期限仅按周末推算。',
  calendarGo: '去加载',
  units: {
    title: '单位与辖区', unitsTitle: '单位', code: '单位代码', name: '单位名称', kind: '类别', parent: '上级单位', jurisdiction: '所属辖区',
    scope: '可见范围', phone: '联系电话', address: '地址', status: '状态', staffCount: '在岗人员', openMatters: '未办结事项',
    portal: '网上来件接收单位', createTitle: '新增单位', editTitle: '编辑单位：{name}', noParent: '（无）',
    codeHint: '小写字母开头，可含字母、数字、下划线，创建后不能修改', phoneInvalid: '请输入手机号或带区号的固定电话',
    deactivateHint: '有未办结事项或在岗人员的单位不能停用',
    kinds: {
      bureau: '公安局', command_centre: '指挥中心', petition_office: '信访部门', mediation_centre: '调解中心',
      supervision_office: '督察部门', department: '业务部门', station: '派出所',
    } as Record<string, string>,
    scopes: { county: '全县', jurisdiction: '本辖区' } as Record<string, string>,
  },
  jurisdictions: {
    title: '辖区', code: '辖区代码', name: '辖区名称', kind: '类型', boundary: '边界', points: '{n} 个点', noBoundary: '未绘制',
    units: '单位数', editTitle: '编辑辖区：{name}',
    boundaryHint: '每行一个点：经度,纬度（如 113.615,28.872），至少 3 个不同的点；首尾可相同（闭合）。留空则不修改边界。',
    boundaryInvalid: '第 {line} 行格式不正确，应为“经度,纬度”',
    kinds: { county: '全县', station: '派出所辖区' } as Record<string, string>,
  },
  staff: {
    title: '人员账号', search: '姓名、用户名或警号', unit: '单位', role: '角色', status: '状态', username: '用户名', name: '姓名',
    badgeNo: '警号', roles: '角色', locked: '已锁定至 {at}', passwordChangedAt: '密码修改时间',
    createTitle: '新增人员', editTitle: '编辑人员：{name}', password: '初始密码',
    passwordHint: '至少 8 位，须含大写字母、小写字母、数字、符号中的至少 3 类', usernameHint: '3–32 位小写字母、数字或 . _ -，创建后不能修改',
    statuses: { active: '启用', disabled: '停用' } as Record<string, string>,
    created: '已创建人员 {name}', changeNote: '保存后该人员的登录会话将全部结束，需重新登录。',
    reset: '重置密码', resetTitle: '重置密码：{name}', resetGenerate: '由系统生成临时密码', resetTyped: '由我输入新密码',
    newPassword: '新密码', resetConfirm: '重置', resetNote: '重置后该人员的登录会话全部结束。',
    tempTitle: '临时密码（只显示这一次）', tempNote: '请当面或通过安全渠道告知 {name}，并提醒其登录后尽快修改。关闭后将无法再次查看。',
    copy: '复制', copied: '已复制', resetDone: '密码已重置', total: '共 {total} 人',
  },
  kinds: {
    title: '事项时限', note: '修改只对此后接收的事项生效；已接收事项的期限按接收时的规则计算，不会重新计算。',
    version: '版本 {version}', nameZh: '中文名称', nameEn: '英文名称', publicSubmission: '群众可网上提交', reopenWindowDays: '办结后可申请重办（天）',
    pauseReasons: '允许暂停计时的原因', stages: '各阶段时限', amount: '时限', unit: '单位', rollForward: '末日遇节假日顺延',
    startsOn: '起算', endsOn: '止于', extension: '经批准可延长',
    save: '保存 {name}', saved: '已保存“{name}”，对此后接收的事项生效',
    units: { hour: '小时', calendar_day: '自然日', working_day: '工作日', month: '月' } as Record<string, string>,
    starts: { received: '接收时', accepted: '签收（受理）时', review_requested: '申请复查时', re_review_requested: '申请复核时' } as Record<string, string>,
    ends: { accepted: '签收（受理）', replied: '答复', routed: '转送交办或作出受理决定' } as Record<string, string>,
  },
};
export type AdminMessages = typeof adminZh;
