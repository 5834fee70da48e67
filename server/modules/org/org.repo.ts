import type { Database } from '../../platform/db/database.js';

export type Jurisdiction = { id: number; code: string; name: string; kind: 'county' | 'station'; boundary: unknown };
export type Unit = {
  id: number; code: string; name: string; kind: string; parentId: number | null; jurisdictionId: number;
  scope: 'county' | 'jurisdiction'; receivesPortal: boolean; phone: string | null; address: string | null; active: boolean;
};

/** The jurisdiction columns on alias j, in the catalogue's order: for the directory and the administration page. */
export const JURISDICTION_COLUMNS = 'j.id, j.code, j.name, j.kind, j.boundary';
export const JURISDICTION_ORDER = 'j.sort_order, j.code';
/** The unit columns on alias u that unitFromRow reads. */
export const UNIT_COLUMNS = 'u.id, u.code, u.name, u.kind, u.parent_id, u.jurisdiction_id, u.scope, u.receives_portal, u.phone, u.address, u.active';
/** The number of active staff of the unit `unitId` (an SQL expression), as the administration page shows it. */
export const activeStaffCountOf = (unitId: string) => `(SELECT count(*)::int FROM staff s WHERE s.unit_id = ${unitId} AND s.status = 'active')`;

export function unitFromRow(row: Record<string, any>): Unit {
  return {
    id: row.id, code: row.code, name: row.name, kind: row.kind, parentId: row.parent_id, jurisdictionId: row.jurisdiction_id,
    scope: row.scope, receivesPortal: row.receives_portal, phone: row.phone, address: row.address, active: row.active,
  };
}

export async function loadJurisdictions(db: Database): Promise<Jurisdiction[]> {
  return (await db.query<Jurisdiction>(`SELECT ${JURISDICTION_COLUMNS} FROM jurisdictions j ORDER BY ${JURISDICTION_ORDER}`)).rows;
}

export async function loadUnits(db: Database): Promise<Unit[]> {
  return (await db.query(`SELECT ${UNIT_COLUMNS} FROM units u ORDER BY u.id`)).rows.map(unitFromRow);
}

// The organisation changes rarely; a change reaches every server process within this many milliseconds.
const CACHE_MS = 30_000;

/** Jurisdictions and units, cached for the request paths that need them on every call. */
export function orgDirectory(db: Database) {
  let loadedAt = 0;
  let jurisdictions: Jurisdiction[] = [];
  let units: Unit[] = [];
  async function fresh() {
    if (Date.now() - loadedAt > CACHE_MS) {
      [jurisdictions, units] = await Promise.all([loadJurisdictions(db), loadUnits(db)]);
      loadedAt = Date.now();
    }
  }
  return {
    async jurisdictions() { await fresh(); return jurisdictions; },
    async units() { await fresh(); return units; },
    async jurisdictionByCode(code: string) { await fresh(); return jurisdictions.find((j) => j.code === code); },
    async jurisdiction(id: number) { await fresh(); return jurisdictions.find((j) => j.id === id); },
    async unit(id: number) { await fresh(); return units.find((u) => u.id === id); },
    /** Who first receives a portal submission: the station of the named area, else the portal's receiving unit. */
    async portalReceiver(jurisdictionId: number | undefined) {
      await fresh();
      const station = jurisdictionId === undefined ? undefined
        : units.find((u) => u.active && u.kind === 'station' && u.jurisdictionId === jurisdictionId);
      return station ?? units.find((u) => u.active && u.receivesPortal);
    },
    countyJurisdiction() { return jurisdictions.find((j) => j.kind === 'county'); },
    invalidate() { loadedAt = 0; },
  };
}
export type OrgDirectory = ReturnType<typeof orgDirectory>;
