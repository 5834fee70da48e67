import { Type, type Static } from 'typebox';
import { DateTime, PageQuery } from './shared.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

/** A 督办单 on the board (GET /api/v1/staff/supervision-orders). */
export const SupervisionOrderView = Type.Object({
  id: Type.Integer(),
  matterId: Type.Integer(),
  caseNo: Type.String(),
  issuedBy: Type.String(),
  issuedAt: DateTime,
  toUnit: Type.String(),
  toOfficer: Nullable(Type.String()),
  instructions: Type.String(),
  dueAt: DateTime,
  status: Type.Enum(['open', 'answered']),
  overdue: Type.Boolean({ description: '督办期限已过仍未反馈，或反馈晚于期限' }),
  answer: Nullable(Type.String()),
  answeredBy: Nullable(Type.String()),
  answeredAt: Nullable(DateTime),
});
export type SupervisionOrderView = Static<typeof SupervisionOrderView>;

export const SupervisionOrderQuery = Type.Object({
  ...PageQuery,
  open: Type.Optional(Type.Boolean({ description: '只看未反馈的督办单' })),
  addressedToMe: Type.Optional(Type.Boolean({
    title: '督办给我的', description: '只看发给本单位（指名时为本人；单位负责人看本单位全部）的督办单，未反馈的在前',
  })),
}, { additionalProperties: false });
export type SupervisionOrderQuery = Static<typeof SupervisionOrderQuery>;

/** A 督办单 as shown on its matter's page; `canAnswer` says whether this user may answer it now. */
export const MatterSupervisionOrder = Type.Object({
  ...SupervisionOrderView.properties,
  toUnitId: Type.Integer(),
  canAnswer: Type.Boolean(),
});
export type MatterSupervisionOrder = Static<typeof MatterSupervisionOrder>;
