/**
 * The matter's internal states, the actions that move it, and the status the citizen sees.
 * The server enforces this table; the console uses it to show only the actions allowed now.
 */
export const MATTER_STATES = ['received', 'transferring', 'handling', 'paused', 'replied', 'closed', 'not_accepted'] as const;
export type MatterState = (typeof MATTER_STATES)[number];

export const MATTER_ACTIONS = [
  'accept', 'transfer', 'acceptTransfer', 'returnTransfer', 'requestInfo', 'pause', 'resume',
  'reply', 'close', 'reject', 'extend', 'supervise', 'note',
] as const;
export type MatterAction = (typeof MATTER_ACTIONS)[number];

const OPEN: MatterState[] = ['received', 'transferring', 'handling', 'paused', 'replied'];

export const ALLOWED_FROM: Record<MatterAction, readonly MatterState[]> = {
  accept: ['received'],
  transfer: ['received', 'handling'],
  acceptTransfer: ['transferring'],
  returnTransfer: ['transferring'],
  requestInfo: ['handling'],
  pause: ['handling'],
  resume: ['paused'],
  reply: ['handling'],
  close: ['replied'],
  reject: ['received', 'handling'],
  extend: ['handling', 'paused'],
  supervise: OPEN,
  note: [...OPEN, 'closed', 'not_accepted'],
};

/**
 * Actions a kind's own procedure performs with what the law asks of them: 信访 decides acceptance with reasons,
 * answers with a written opinion and its legal basis and tells the petitioner why it extends (信访工作条例
 * 第二十三、三十二、三十四条); 建议提案 replies with a class A–D. The generic action would skip that, so for
 * these kinds it is neither offered in the console nor accepted by the generic route.
 */
export const PROCEDURE_OWNED_ACTIONS: Readonly<Record<string, readonly (MatterAction | 'reopen')[]>> = {
  // The petitioner's way back is 复查 and 复核 (第三十五、三十六条), the deputy's the office's 重办: not the generic reopening.
  petition: ['accept', 'reject', 'reply', 'close', 'extend', 'reopen'],
  proposal: ['reply', 'close', 'reopen'],
};

export function ownedByProcedure(kind: string, action: MatterAction | 'reopen'): boolean {
  return PROCEDURE_OWNED_ACTIONS[kind]?.includes(action) ?? false;
}

export function canTransition(action: MatterAction, state: MatterState): boolean {
  return ALLOWED_FROM[action].includes(state);
}

export const PUBLIC_STATUSES = ['received', 'in_progress', 'awaiting_citizen', 'replied', 'closed', 'not_accepted'] as const;
export type PublicStatus = (typeof PUBLIC_STATUSES)[number];

export const PUBLIC_STATUS_LABELS: Record<PublicStatus, { zh: string; en: string }> = {
  received: { zh: '已受理', en: 'Received' },
  in_progress: { zh: '办理中', en: 'In progress' },
  awaiting_citizen: { zh: '待您补充材料', en: 'Waiting for your information' },
  replied: { zh: '已答复', en: 'Answered' },
  closed: { zh: '已办结', en: 'Closed' },
  not_accepted: { zh: '不予受理', en: 'Not accepted' },
};

export const STATE_LABELS: Record<MatterState, { zh: string; en: string }> = {
  received: { zh: '待签收', en: 'received' },
  transferring: { zh: '转办待接收', en: 'awaiting transfer acceptance' },
  handling: { zh: '办理中', en: 'being handled' },
  paused: { zh: '暂停计时', en: 'paused' },
  replied: { zh: '已答复', en: 'replied' },
  closed: { zh: '已办结', en: 'closed' },
  not_accepted: { zh: '不予受理', en: 'not accepted' },
};

export function publicStatusOf(state: MatterState, pauseReason: string | null): PublicStatus {
  switch (state) {
    case 'received':
      return 'received';
    case 'paused':
      return pauseReason === 'awaiting_citizen' ? 'awaiting_citizen' : 'in_progress';
    case 'transferring':
    case 'handling':
      return 'in_progress';
    default:
      return state;
  }
}

export const PAUSE_REASONS = ['awaiting_citizen', 'hearing', 'appraisal'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];
export const PAUSE_REASON_LABELS: Record<PauseReason, { zh: string; en: string }> = {
  awaiting_citizen: { zh: '等待群众补充材料', en: 'Waiting for the citizen' },
  // 信访工作条例 第三十六条: 复核 hearings are not counted in the time limit.
  hearing: { zh: '听证', en: 'Hearing' },
  appraisal: { zh: '鉴定', en: 'Expert appraisal' },
};
