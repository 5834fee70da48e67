import { Type, type Static } from 'typebox';
import { PAUSE_REASONS } from '../workflow.js';

export const TIME_UNITS = ['hour', 'calendar_day', 'working_day', 'month'] as const;

/**
 * The events a stage's clock starts and stops on. Beyond the matter's own (received, accepted, replied), the
 * petition procedure adds its own (信访工作条例): 'routed' when the petition office has transferred the matter
 * or decided it itself (Art. 22), and the petitioner's requests for 复查 and 复核 (Art. 35, 36).
 */
export const STAGE_STARTS = ['received', 'accepted', 'review_requested', 're_review_requested'] as const;
export const STAGE_ENDS = ['accepted', 'replied', 'routed'] as const;

const Amount = Type.Integer({ minimum: 1, maximum: 366, description: '时限数值' });
const Unit = Type.Enum([...TIME_UNITS], { description: '时限单位：小时、自然日、工作日、月' });

export const StageRule = Type.Object(
  {
    stage: Type.String({ pattern: '^[a-z_]{2,32}$', description: '阶段代码，如 acceptance、handling' }),
    amount: Amount,
    unit: Unit,
    rollForwardIfHoliday: Type.Boolean({ description: '期限最后一日为节假日时顺延至节假日后第一个工作日' }),
    startsOn: Type.Enum([...STAGE_STARTS], { description: '起算：接收时、签收（受理）时，或申请复查、复核时（信访）' }),
    endsOn: Type.Enum([...STAGE_ENDS], { description: '止于：签收（受理）、答复，或转送交办（信访登记）' }),
    extension: Type.Optional(Type.Object({ amount: Amount, unit: Unit }, { additionalProperties: false, description: '经批准可延长一次' })),
  },
  { additionalProperties: false },
);
export type StageRule = Static<typeof StageRule>;

export const KindUpdateBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    nameZh: Type.String({ minLength: 1, maxLength: 20, description: '中文名称' }),
    nameEn: Type.String({ minLength: 1, maxLength: 40, description: '英文名称' }),
    publicSubmission: Type.Boolean({ description: '群众可在网上提交' }),
    stages: Type.Array(StageRule, { minItems: 1, maxItems: 6, description: '各阶段时限' }),
    reopenWindowDays: Type.Integer({ minimum: 0, maximum: 365, description: '办结后可申请重办的天数' }),
    pauseReasons: Type.Array(Type.Enum([...PAUSE_REASONS]), { maxItems: 3, description: '允许暂停计时的原因' }),
  },
  { additionalProperties: false },
);
export type KindUpdateBody = Static<typeof KindUpdateBody>;

export const KindView = Type.Object({
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  publicSubmission: Type.Boolean(),
  stages: Type.Array(StageRule),
  reopenWindowDays: Type.Integer(),
  pauseReasons: Type.Array(Type.String()),
  version: Type.Integer(),
});
export type KindView = Static<typeof KindView>;
