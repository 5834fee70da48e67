import type { Queryable } from '../../platform/db/database.js';

/**
 * The demo county: 青山县 (invented), with six police stations' areas tiling the county. Each area is
 * a simple polygon whose corners and edge midpoints it shares with its neighbours, so the areas never
 * overlap and together make up the county's outline. Rings are closed (the last point repeats the first).
 */
type Point = [number, number];

// Corners, north row first, west to east.
const V: Point[][] = [
  [[113.615, 28.872], [113.758, 28.861], [113.905, 28.879], [114.046, 28.858]],
  [[113.602, 28.741], [113.771, 28.736], [113.893, 28.748], [114.061, 28.731]],
  [[113.624, 28.613], [113.752, 28.598], [113.911, 28.607], [114.038, 28.621]],
];
// Midpoints of the east-west edges (between V[r][c] and V[r][c + 1]).
const H: Point[][] = [
  [[113.690, 28.881], [113.830, 28.868], [113.970, 28.874]],
  [[113.688, 28.752], [113.829, 28.731], [113.978, 28.744]],
  [[113.686, 28.604], [113.834, 28.592], [113.972, 28.618]],
];
// Midpoints of the north-south edges (between V[r][c] and V[r + 1][c]).
const M: Point[][] = [
  [[113.598, 28.806], [113.768, 28.801], [113.910, 28.812], [114.055, 28.797]],
  [[113.611, 28.676], [113.759, 28.669], [113.899, 28.682], [114.049, 28.674]],
];

const close = (ring: Point[]): Point[] => [...ring, ring[0]];

function cell(r: number, c: number): Point[] {
  return close([V[r][c], H[r][c], V[r][c + 1], M[r][c + 1], V[r + 1][c + 1], H[r + 1][c], V[r + 1][c], M[r][c]]);
}

const COUNTY_OUTLINE = close([
  V[0][0], H[0][0], V[0][1], H[0][1], V[0][2], H[0][2], V[0][3], M[0][3], V[1][3], M[1][3],
  V[2][3], H[2][2], V[2][2], H[2][1], V[2][1], H[2][0], V[2][0], M[1][0], V[1][0], M[0][0],
]);

/** Names of places in an area, used to fill the texts of matters that happen there. */
export type Places = {
  town: string; roads: string[]; communities: string[]; schools: string[]; markets: string[]; villages: string[];
};

export type AreaSpec = {
  code: string; area: string; station: string; unitCode: string; pinyin: string; phone: string; address: string;
  boundary: Point[]; places: Places;
};

export const COUNTY = { code: '00', name: '青山县', boundary: COUNTY_OUTLINE };

export const AREAS: AreaSpec[] = [
  {
    code: '01', area: '城关派出所辖区', station: '城关派出所', unitCode: 'station_chengguan', pinyin: 'chengguan',
    phone: '0730-5612301', address: '青山县城关镇人民路56号', boundary: cell(1, 1),
    places: {
      town: '城关镇', roads: ['人民路', '解放路', '建设路', '青山大道', '文化路'],
      communities: ['锦绣华庭', '阳光花园', '滨江苑', '金桂园', '人民路社区'],
      schools: ['青山县第一中学', '城关小学', '县实验小学', '县第一幼儿园'],
      markets: ['城关农贸市场', '步行街', '县汽车站'], villages: ['城郊村', '桃花村'],
    },
  },
  {
    code: '02', area: '东湖派出所辖区', station: '东湖派出所', unitCode: 'station_donghu', pinyin: 'donghu',
    phone: '0730-5612302', address: '青山县东湖镇湖滨路12号', boundary: cell(0, 2),
    places: {
      town: '东湖镇', roads: ['东湖路', '湖滨路', '迎宾大道'], communities: ['东湖新城', '湖畔雅居', '翡翠湾'],
      schools: ['东湖中学', '东湖小学'], markets: ['东湖农贸市场', '东湖商业广场'], villages: ['莲塘村', '渔场村'],
    },
  },
  {
    code: '03', area: '西河派出所辖区', station: '西河派出所', unitCode: 'station_xihe', pinyin: 'xihe',
    phone: '0730-5612303', address: '青山县西河镇河西路8号', boundary: cell(0, 0),
    places: {
      town: '西河镇', roads: ['西河街', '河西路', '老街'], communities: ['西河新村', '河畔小区'],
      schools: ['西河镇中心小学', '西河中学'], markets: ['西河集镇', '西河农贸市场'], villages: ['柳林村', '石桥村', '沙洲村'],
    },
  },
  {
    code: '04', area: '南桥派出所辖区', station: '南桥派出所', unitCode: 'station_nanqiao', pinyin: 'nanqiao',
    phone: '0730-5612304', address: '青山县南桥镇工业园路21号', boundary: cell(1, 2),
    places: {
      town: '南桥镇', roads: ['南桥路', '工业园路', '物流大道'], communities: ['南桥安置小区', '工业园职工宿舍'],
      schools: ['南桥小学', '南桥中学'], markets: ['南桥菜市场', '工业园区'], villages: ['新塘村', '枫树村'],
    },
  },
  {
    code: '05', area: '北山派出所辖区', station: '北山派出所', unitCode: 'station_beishan', pinyin: 'beishan',
    phone: '0730-5612305', address: '青山县北山乡林场路3号', boundary: cell(0, 1),
    places: {
      town: '北山乡', roads: ['北山路', '林场路'], communities: ['北山乡集镇'],
      schools: ['北山中心学校'], markets: ['北山集市', '北山景区停车场'], villages: ['茶园村', '高峰村', '竹山村'],
    },
  },
  {
    code: '06', area: '龙潭派出所辖区', station: '龙潭派出所', unitCode: 'station_longtan', pinyin: 'longtan',
    phone: '0730-5612306', address: '青山县龙潭镇龙潭街102号', boundary: cell(1, 0),
    places: {
      town: '龙潭镇', roads: ['龙潭街', '龙潭大桥', '环镇路'], communities: ['龙潭新区'],
      schools: ['龙潭中学', '龙潭小学'], markets: ['龙潭集镇', '龙潭农贸市场'], villages: ['龙潭村', '泉水村', '黄泥村'],
    },
  },
];

/** The bureau's own units, all on the county jurisdiction with a county-wide scope. */
export const COUNTY_UNITS = [
  { code: 'bureau', name: '青山县公安局', kind: 'bureau', phone: '0730-5612000', address: '青山县城关镇青山大道88号' },
  { code: 'command', name: '指挥中心', kind: 'command_centre', phone: '0730-5612110', address: '青山县城关镇青山大道88号 公安局三楼', receivesPortal: true },
  { code: 'petition', name: '信访科', kind: 'petition_office', phone: '0730-5612345', address: '青山县城关镇青山大道88号 公安局一楼信访接待室' },
  { code: 'mediation', name: '矛盾纠纷调解中心', kind: 'mediation_centre', phone: '0730-5612388', address: '青山县城关镇文化路20号' },
  { code: 'supervision', name: '督察大队', kind: 'supervision_office', phone: '0730-5612012', address: '青山县城关镇青山大道88号 公安局五楼' },
  { code: 'public_order', name: '治安管理大队', kind: 'department', phone: '0730-5612066', address: '青山县城关镇青山大道88号 公安局四楼' },
] as const;

export type SeededOrg = {
  countyJurisdictionId: number;
  /** Jurisdiction id by area code. */
  jurisdictionIds: Map<string, number>;
  /** Unit id by unit code. */
  unitIds: Map<string, number>;
  units: number;
};

/**
 * Inserts the jurisdictions and units, skipping any whose code is already taken (so `seed --force`
 * can run on a database that already holds the demo county), and returns their ids by code.
 */
export async function insertOrg(tx: Queryable): Promise<SeededOrg> {
  const jurisdictions = [
    { code: COUNTY.code, name: COUNTY.name, kind: 'county', boundary: COUNTY.boundary },
    ...AREAS.map((a) => ({ code: a.code, name: a.area, kind: 'station', boundary: a.boundary })),
  ];
  for (const [i, j] of jurisdictions.entries()) {
    await tx.query(
      `INSERT INTO jurisdictions (id, code, name, kind, boundary, sort_order)
       SELECT coalesce(max(id), 0) + 1, $1::text, $2::text, $3::text, $4::jsonb, $5::integer FROM jurisdictions
       HAVING NOT EXISTS (SELECT 1 FROM jurisdictions WHERE code = $1)`,
      [j.code, j.name, j.kind, JSON.stringify(j.boundary), i]);
  }
  const { rows: jRows } = await tx.query<{ id: number; code: string }>(
    'SELECT id, code FROM jurisdictions WHERE code = ANY($1)', [jurisdictions.map((j) => j.code)]);
  const jurisdictionIds = new Map(jRows.map((r) => [r.code, r.id]));
  const countyJurisdictionId = jurisdictionIds.get(COUNTY.code)!;

  const insertUnit = (u: { code: string; name: string; kind: string; parent: string | null; jurisdictionId: number;
    scope: string; receivesPortal: boolean; phone: string; address: string }) => tx.query(
    `INSERT INTO units (code, name, kind, parent_id, jurisdiction_id, scope, receives_portal, phone, address)
     VALUES ($1, $2, $3, (SELECT id FROM units WHERE code = $4), $5, $6,
             -- only one unit may receive the portal: keep an existing receiver
             $7::boolean AND NOT EXISTS (SELECT 1 FROM units WHERE receives_portal), $8, $9)
     ON CONFLICT (code) DO NOTHING`,
    [u.code, u.name, u.kind, u.parent, u.jurisdictionId, u.scope, u.receivesPortal, u.phone, u.address]);

  for (const u of COUNTY_UNITS) {
    await insertUnit({ ...u, parent: u.code === 'bureau' ? null : 'bureau', jurisdictionId: countyJurisdictionId, scope: 'county',
      receivesPortal: 'receivesPortal' in u && u.receivesPortal });
  }
  for (const a of AREAS) {
    await insertUnit({ code: a.unitCode, name: a.station, kind: 'station', parent: 'bureau', jurisdictionId: jurisdictionIds.get(a.code)!,
      scope: 'jurisdiction', receivesPortal: false, phone: a.phone, address: a.address });
  }
  const codes = [...COUNTY_UNITS.map((u) => u.code as string), ...AREAS.map((a) => a.unitCode)];
  const { rows: uRows } = await tx.query<{ id: number; code: string }>('SELECT id, code FROM units WHERE code = ANY($1)', [codes]);
  return { countyJurisdictionId, jurisdictionIds, unitIds: new Map(uRows.map((r) => [r.code, r.id])), units: uRows.length };
}

/** A point well inside an area (near the middle of its polygon), for the location of a matter. */
export function pointIn(area: AreaSpec, u: number, v: number): { lng: number; lat: number } {
  const ring = area.boundary.slice(0, -1);
  const lngs = ring.map((p) => p[0]);
  const lats = ring.map((p) => p[1]);
  const mid = (xs: number[]) => (Math.min(...xs) + Math.max(...xs)) / 2;
  const half = (xs: number[]) => (Math.max(...xs) - Math.min(...xs)) / 2;
  // Within 55% of the half-width around the middle: inside, however the shared edges bend.
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  return { lng: round(mid(lngs) + (u * 2 - 1) * half(lngs) * 0.55), lat: round(mid(lats) + (v * 2 - 1) * half(lats) * 0.55) };
}
