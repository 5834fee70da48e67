import type { KindUpdateBody, StageRule } from '../../../common/contracts/kinds.js';
import { AppError, type LocalizedFieldError } from '../../platform/http/errors.js';

/**
 * The largest sensible amount per unit, beyond the schema's 1–366: the longest legal limits the platform
 * knows are 6 months (代表法 Art. 51, 建议 that are hard to settle) and 60 days plus 30 (信访工作条例 Art. 34).
 */
const MAX_AMOUNT: Record<StageRule['unit'], number> = { hour: 720, calendar_day: 366, working_day: 250, month: 24 };
const UNIT_NAMES: Record<StageRule['unit'], { zh: string; en: string }> = {
  hour: { zh: '小时', en: 'hours' }, calendar_day: { zh: '自然日', en: 'calendar days' },
  working_day: { zh: '工作日', en: 'working days' }, month: { zh: '月', en: 'months' },
};

/** Rules the schema cannot say; refuses the whole body with field errors, changing nothing. */
export function checkKindRules(body: KindUpdateBody): void {
  const fields: LocalizedFieldError[] = [];
  const seen = new Set<string>();
  body.stages.forEach((stage, i) => {
    if (seen.has(stage.stage)) {
      fields.push({ path: `stages.${i}.stage`, zh: `阶段“${stage.stage}”重复`, en: `The stage "${stage.stage}" appears twice` });
    }
    seen.add(stage.stage);
    const limits: [string, { amount: number; unit: StageRule['unit'] }][] = [[`stages.${i}.amount`, stage]];
    if (stage.extension) limits.push([`stages.${i}.extension.amount`, stage.extension]);
    for (const [path, limit] of limits) {
      const max = MAX_AMOUNT[limit.unit];
      if (limit.amount > max) {
        fields.push({ path, zh: `时限不能超过 ${max} ${UNIT_NAMES[limit.unit].zh}`, en: `The limit cannot exceed ${max} ${UNIT_NAMES[limit.unit].en}` });
      }
    }
    // A clock that starts on acceptance (or on a 复查/复核 request, which comes after it) can only stop on the reply:
    // the acceptance and the routing it would wait for are behind it, so it would never stop.
    if (stage.startsOn !== 'received' && stage.endsOn !== 'replied') {
      fields.push({ path: `stages.${i}.endsOn`, zh: '自签收或申请复查、复核起算的阶段只能止于答复', en: 'A stage that starts on acceptance or on a review request must end on the reply' });
    }
  });
  if (fields.length) throw new AppError('VALIDATION_FAILED', {}, fields);
}
