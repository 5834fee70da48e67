import type { Queryable } from '../../server/platform/db/database.js';

export type BenchOrg = {
  /** Station jurisdictions and, for each, its station unit and officers. */
  stations: { jurisdictionId: number; code: string; unitId: number; officerIds: number[] }[];
  commandUnitId: number;
};

/**
 * A small county like the test fixture: the county and two station areas, a command centre that
 * receives portal submissions, a supervision office, and officers in each station. The password
 * hash is a placeholder: nobody logs in during a benchmark.
 */
export async function seedBenchOrg(db: Queryable, officersPerStation = 10): Promise<BenchOrg> {
  await db.query(`INSERT INTO jurisdictions (id, code, name, kind) VALUES
    (1, '00', '测试县', 'county'), (2, '01', '东城派出所辖区', 'station'), (3, '02', '西城派出所辖区', 'station')`);
  const unit = async (code: string, name: string, kind: string, jurisdiction: number, scope: string, portal = false) =>
    (await db.query<{ id: number }>(
      'INSERT INTO units (code, name, kind, jurisdiction_id, scope, receives_portal) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [code, name, kind, jurisdiction, scope, portal])).rows[0].id;
  await unit('bureau', '测试县公安局', 'bureau', 1, 'county');
  const commandUnitId = await unit('command', '指挥中心', 'command_centre', 1, 'county', true);
  await unit('supervision', '督察大队', 'supervision_office', 1, 'county');
  const stations: BenchOrg['stations'] = [];
  for (const [jurisdictionId, code, unitCode, name] of [[2, '01', 'east', '东城派出所'], [3, '02', 'west', '西城派出所']] as const) {
    const unitId = await unit(unitCode, name, 'station', jurisdictionId, 'jurisdiction');
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO staff (username, display_name, unit_id, roles, password_hash)
       SELECT $1 || '.' || i, '民警' || i, $2, ARRAY['officer'], 'placeholder' FROM generate_series(1, $3::int) i
       RETURNING id`, [unitCode, unitId, officersPerStation]);
    stations.push({ jurisdictionId, code, unitId, officerIds: rows.map((row) => row.id) });
  }
  return { stations, commandUnitId };
}
