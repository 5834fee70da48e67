/** The administration pages' shapes (系统管理): units, jurisdictions, staff accounts. Kinds: see kinds.ts. */
import { Type, type Static, type TSchema } from 'typebox';
import { ROLES } from '../access.js';
import { Boundary, JurisdictionId } from './jurisdictions.js';
import { Id, Latitude, LIMITS, Longitude, PageQuery, PHONE_PATTERN } from './shared.js';

export const UNIT_KINDS = ['bureau', 'command_centre', 'petition_office', 'mediation_centre', 'supervision_office', 'department', 'station'] as const;
export const UNIT_SCOPES = ['county', 'jurisdiction'] as const;
export const STAFF_STATUSES = ['active', 'disabled'] as const;
// Patterns as strings (JSON Schema's `pattern`); the administration forms check them too, with `new RegExp`.
export const UNIT_CODE_PATTERN = '^[a-z][a-z0-9_]{1,31}$';
export const USERNAME_PATTERN = '^[a-z0-9_.-]{3,32}$';
export const BADGE_NO_PATTERN = '^[0-9A-Za-z-]{1,20}$';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

const UnitName = Type.String({ minLength: 2, maxLength: 30, title: '单位名称', description: '单位名称' });
// An empty string clears the phone or the address (one schema rather than a union with null, so that a bad
// value gets one clear message instead of one per branch).
const UnitPhone = Type.String({ pattern: `^$|${PHONE_PATTERN}`, title: '联系电话', description: '单位对外联系电话（手机或带区号的座机；空为不填）' });
const UnitAddress = Type.String({ maxLength: LIMITS.addressMax, title: '地址', description: '单位办公地址（空为不填）' });

export const AdminUnit = Type.Object({
  id: Type.Integer(),
  code: Type.String({ description: '单位代码' }),
  name: Type.String(),
  kind: Type.String({ description: '单位类别' }),
  parentId: Nullable(Type.Integer({ description: '上级单位' })),
  jurisdictionId: Type.Integer({ description: '所属辖区' }),
  scope: Type.String({ description: 'county：可见全县事项；jurisdiction：只见本辖区' }),
  receivesPortal: Type.Boolean({ description: '接收未指明辖区的网上来件' }),
  phone: Nullable(Type.String()),
  address: Nullable(Type.String()),
  active: Type.Boolean(),
  staffCount: Type.Integer({ description: '在岗人员数（状态为启用）' }),
  openMatters: Type.Integer({ description: '承办中的未办结事项数，含待其签收的转办' }),
});
export type AdminUnit = Static<typeof AdminUnit>;

export const UnitCreateBody = Type.Object(
  {
    code: Type.String({ pattern: UNIT_CODE_PATTERN, title: '单位代码', description: '单位代码（小写字母开头，字母、数字、下划线）' }),
    name: UnitName,
    kind: Type.Enum([...UNIT_KINDS], { title: '单位类别', description: '单位类别' }),
    parentId: Type.Optional(Nullable(Id)),
    jurisdictionId: { ...JurisdictionId, title: '所属辖区', description: '所属辖区' },
    scope: Type.Enum([...UNIT_SCOPES], { title: '可见范围', description: '可见范围：county 全县，jurisdiction 本辖区' }),
    phone: Type.Optional(UnitPhone),
    address: Type.Optional(UnitAddress),
  },
  { additionalProperties: false },
);
export type UnitCreateBody = Static<typeof UnitCreateBody>;

export const UnitUpdateBody = Type.Object(
  {
    name: Type.Optional(UnitName),
    phone: Type.Optional(UnitPhone),
    address: Type.Optional(UnitAddress),
    parentId: Type.Optional(Nullable(Id)),
    active: Type.Optional(Type.Boolean({ title: '启用', description: '是否启用' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UnitUpdateBody = Static<typeof UnitUpdateBody>;

/** A simple polygon [[lng, lat], ...] in WGS-84 degrees, within the range of a matter's location (shared.ts). */
export const BoundaryInput = Type.Array(
  Type.Tuple([Longitude, Latitude]),
  { minItems: 3, maxItems: 500, title: '辖区边界', description: '辖区边界 [[经度, 纬度], ...]，至少 3 个点' },
);

export const AdminJurisdiction = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  boundary: Boundary,
  unitCount: Type.Integer({ description: '所属单位数' }),
});
export type AdminJurisdiction = Static<typeof AdminJurisdiction>;

export const JurisdictionUpdateBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 2, maxLength: 30, title: '辖区名称', description: '辖区名称' })),
    boundary: Type.Optional(BoundaryInput),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type JurisdictionUpdateBody = Static<typeof JurisdictionUpdateBody>;

export const StaffListQuery = Type.Object(
  {
    ...PageQuery,
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 32, title: '搜索', description: '姓名、用户名或警号' })),
    unitId: Type.Optional(Id),
    role: Type.Optional(Type.Enum([...ROLES], { title: '角色', description: '角色' })),
    status: Type.Optional(Type.Enum([...STAFF_STATUSES], { title: '状态', description: '状态' })),
  },
  { additionalProperties: false },
);
export type StaffListQuery = Static<typeof StaffListQuery>;

/** A staff account as the administrator sees it; never the password hash. */
export const AdminStaff = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  name: Type.String(),
  badgeNo: Nullable(Type.String()),
  unitId: Type.Integer(),
  unitName: Type.String(),
  roles: Type.Array(Type.String()),
  status: Type.String(),
  lockedUntil: Nullable(Type.String()),
  passwordChangedAt: Type.String(),
  createdAt: Type.String(),
});
export type AdminStaff = Static<typeof AdminStaff>;

const RoleList = Type.Array(Type.Enum([...ROLES]), { minItems: 1, maxItems: ROLES.length, uniqueItems: true, title: '角色', description: '角色' });
const StaffName = Type.String({ minLength: 2, maxLength: 20, title: '姓名', description: '姓名' });
const BadgeNo = Type.String({ pattern: BADGE_NO_PATTERN, title: '警号', description: '警号（数字、字母）' });

export const StaffCreateBody = Type.Object(
  {
    username: Type.String({ pattern: USERNAME_PATTERN, title: '用户名', description: '用户名（3–32 位小写字母、数字、._-）' }),
    name: StaffName,
    badgeNo: Type.Optional(BadgeNo),
    unitId: Id,
    roles: RoleList,
    password: Type.String({ minLength: 8, maxLength: 128, title: '初始密码', description: '初始密码' }),
  },
  { additionalProperties: false },
);
export type StaffCreateBody = Static<typeof StaffCreateBody>;

export const StaffUpdateBody = Type.Object(
  {
    status: Type.Optional(Type.Enum([...STAFF_STATUSES], { title: '状态', description: '状态' })),
    roles: Type.Optional(RoleList),
    unitId: Type.Optional(Id),
    name: Type.Optional(StaffName),
    badgeNo: Type.Optional(Nullable(BadgeNo)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type StaffUpdateBody = Static<typeof StaffUpdateBody>;

export const PasswordResetBody = Type.Object(
  {
    password: Type.Optional(Type.String({ minLength: 8, maxLength: 128, title: '新密码', description: '新密码（不填则由系统生成临时密码）' })),
  },
  { additionalProperties: false },
);

export const PasswordResetResult = Type.Object({
  id: Type.Integer(),
  /** Shown to the administrator once, only when the system made it up; never stored in clear or logged. */
  temporaryPassword: Nullable(Type.String({ description: '系统生成的临时密码（仅此一次显示）' })),
});
