import { Type, type TSchema } from 'typebox';

export const LIMITS = {
  contentMin: 5,
  contentMax: 5000,
  reasonMin: 2,
  reasonMax: 500,
  replyMax: 5000,
  nameMax: 30,
  addressMax: 200,
  pageSizeMax: 100,
} as const;

/** Mainland mobile numbers, or landlines with an area code. */
export const PHONE_PATTERN = '^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$';
/** 18-digit resident identity number; the check digit is verified by the server as well. */
export const ID_NUMBER_PATTERN = '^[1-9][0-9]{5}(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]$';

export const Reason = Type.String({ minLength: LIMITS.reasonMin, maxLength: LIMITS.reasonMax, description: '理由' });
export const DateTime = Type.String({ format: 'date-time' });
export const Id = Type.Integer({ minimum: 1, maximum: 9_007_199_254_740_991 });

/** A tracking code as people type it (normalised by the server: case, spaces and dashes). */
export const TrackingCode = Type.String({ minLength: 10, maxLength: 40, description: '查询码' });

/**
 * WGS-84 degrees within mainland China's range, so that swapped longitude and latitude are caught: a
 * matter's location, and the corners of a jurisdiction's boundary (admin.ts).
 */
export const Longitude = Type.Number({ minimum: 73, maximum: 136, title: '经度', description: '经度（73–136）' });
export const Latitude = Type.Number({ minimum: 3, maximum: 54, title: '纬度', description: '纬度（3–54）' });

export const Location = Type.Object(
  {
    address: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.addressMax, description: '地点（地址文字）' })),
    lng: Type.Optional(Longitude),
    lat: Type.Optional(Latitude),
  },
  { additionalProperties: false },
);

export const Contact = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: LIMITS.nameMax, description: '联系人姓名' }),
    phone: Type.String({ pattern: PHONE_PATTERN, description: '联系电话' }),
    idNumber: Type.Optional(Type.String({ pattern: ID_NUMBER_PATTERN, description: '身份证号' })),
    address: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.addressMax, description: '联系地址' })),
  },
  { additionalProperties: false },
);

export function ErrorResponse(): TSchema {
  return Type.Object({
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      requestId: Type.String(),
      fields: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
    }),
  });
}

export function Page<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
}

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.pageSizeMax, default: 20 })),
};
