import type { KindView, StageRule } from '../../../common/contracts/kinds.js';

/**
 * 局长信箱's promise (china-rules §1.4, a county PSB's published practice [实践]): an answer within 7 working
 * days, and a complex letter within 15. A letter's kind keeps its own clocks where they are shorter (咨询:
 * 2 working days); a longer reply clock is cut to 7 working days with one approved extension of 8 more
 * (the existing 延期 action, 'matter.extend'), so that no letter runs past 15 working days.
 */
export const MAILBOX_REPLY_DAYS = 7;
export const MAILBOX_MAX_DAYS = 15;

function mailboxStage(rule: StageRule): StageRule {
  if (rule.endsOn !== 'replied' || rule.unit !== 'working_day' || rule.amount <= MAILBOX_REPLY_DAYS) return rule;
  return { ...rule, amount: MAILBOX_REPLY_DAYS, extension: { amount: MAILBOX_MAX_DAYS - MAILBOX_REPLY_DAYS, unit: 'working_day' } };
}

export function mailboxRules(kind: KindView): KindView {
  return { ...kind, stages: kind.stages.map(mailboxStage) };
}
