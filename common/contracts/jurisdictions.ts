import { Type } from 'typebox';

/** A jurisdiction's id (jurisdictions.id is a smallint). */
export const JurisdictionId = Type.Integer({ minimum: 1, maximum: 32_767 });

/** A simple polygon [[lng, lat], ...] (WGS-84 degrees), or null where none is drawn. */
export const Boundary = Type.Union([
  Type.Array(Type.Tuple([Type.Number(), Type.Number()]), { description: '辖区边界 [[经度, 纬度], ...]' }),
  Type.Null(),
]);

/** A jurisdiction as the portal shows it: in the select, and drawn on the map (辖区图). */
export const PublicJurisdiction = Type.Object({
  code: Type.String({ description: '辖区代码' }),
  name: Type.String(),
  kind: Type.Enum(['county', 'station']),
  boundary: Boundary,
});
