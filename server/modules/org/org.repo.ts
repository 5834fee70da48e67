import type { Database } from '../../platform/db/database.js';

export type Jurisdiction = { id: number; code: string; name: string; kind: 'county' | 'station'; boundary: unknown };
export type Unit = {
  id: number; code: string; name: string; kind: string; parentId: number | null; jurisdictionId: number;
  scope: 'county' | 'jurisdiction'; receivesPortal: boolean; phone: string | null; address: string | null; active: boolean;
};

const SELECT_JURISDICTIONS = 'SELECT id, code, name, kind, boundary FROM jurisdictions ORDER BY sort_order, code';
const SELECT_UNITS = `
  SELECT id, code, name, kind, parent_id, jurisdiction_id, scope, receives_portal, phone, address, active
    FROM units ORDER BY id`;

export async function loadJurisdictions(db: Database): Promise<Jurisdiction[]> {
  return (await db.query<Jurisdiction>(SELECT_JURISDICTIONS)).rows;
}

export async function loadUnits(db: Database): Promise<Unit[]> {
  const { rows } = await db.query(SELECT_UNITS);
  return rows.map((row) => ({
    id: row.id, code: row.code, name: row.name, kind: row.kind, parentId: row.parent_id, jurisdictionId: row.jurisdiction_id,
    scope: row.scope, receivesPortal: row.receives_portal, phone: row.phone, address: row.address, active: row.active,
  }));
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
