import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AREAS, pointIn } from '../../db/seed/org.js';
import { jurisdictionAt } from '../../../common/geo.js';
import { buildTestApp, createTestContext, seedFixture, validSubmission, type Fixture } from '../../test/harness.js';

/**
 * 辖区图: a submission with a point on the map but no station area chosen goes to the station whose
 * area contains the point; with no point, or a point in no area, the portal's receiver gets it.
 */
let env: Awaited<ReturnType<typeof createTestContext>>;
let app: FastifyInstance;
let fx: Fixture;

const PORTAL = '/api/v1/portal/matters';
// Two squares side by side: area 01 to the west of 113.8°E, area 02 to the east; the county drawn around both.
const AREA_01 = [[113.6, 28.6], [113.8, 28.6], [113.8, 28.8], [113.6, 28.8], [113.6, 28.6]];
const AREA_02 = [[113.8, 28.6], [114.0, 28.6], [114.0, 28.8], [113.8, 28.8], [113.8, 28.6]];

beforeAll(async () => {
  env = await createTestContext();
  fx = await seedFixture(env.ctx);
  const set = (id: number, boundary: unknown) =>
    env.ctx.db.query('UPDATE jurisdictions SET boundary = $2 WHERE id = $1', [id, JSON.stringify(boundary)]);
  await set(fx.county, [[113.6, 28.6], [114.0, 28.6], [114.0, 28.8], [113.6, 28.8], [113.6, 28.6]]);
  await set(fx.stationA, AREA_01);
  await set(fx.stationB, AREA_02);
  env.ctx.org.invalidate();
  app = await buildTestApp(env.ctx);
});
afterAll(async () => { await app.close(); await env.close(); });

async function submitted(overrides: Record<string, unknown>) {
  const res = await app.inject({ method: 'POST', url: PORTAL, payload: validSubmission(overrides) });
  expect(res.statusCode, res.body).toBe(201);
  const { rows } = await env.ctx.db.query(
    `SELECT m.jurisdiction_id, m.first_unit_id, m.handler_unit_id, m.location_lng, m.location_lat, e.payload
       FROM matters m JOIN matter_events e ON e.jurisdiction_id = m.jurisdiction_id AND e.matter_id = m.id AND e.seq = 1
      WHERE m.tracking_code = $1`, [res.json().trackingCode.replace(/-/g, '')]);
  return { trackingCode: res.json().trackingCode as string, ...rows[0] };
}

describe('routing a portal submission by its point on the map', () => {
  it('sends a point inside a station area to that station, and its tracking code carries the area', async () => {
    const m = await submitted({ location: { address: '人民路 12 号', lng: 113.9, lat: 28.7 } });
    expect(m).toMatchObject({
      jurisdiction_id: fx.stationB, first_unit_id: fx.units.stationB, handler_unit_id: fx.units.stationB,
      location_lng: 113.9, location_lat: 28.7, payload: { channel: 'portal', receiverUnitId: fx.units.stationB },
    });
    expect(m.trackingCode.startsWith('02-')).toBe(true);
    const pub = (await app.inject({ method: 'GET', url: `${PORTAL}/${m.trackingCode}` })).json();
    expect(pub.handlingUnit).toBe('西城派出所');

    expect(await submitted({ location: { lng: 113.65, lat: 28.79 } })).toMatchObject({ jurisdiction_id: fx.stationA, first_unit_id: fx.units.stationA });
  });

  it('keeps the station area the citizen chose, even when the point lies in another', async () => {
    const m = await submitted({ jurisdictionCode: '01', location: { lng: 113.9, lat: 28.7 } });
    expect(m).toMatchObject({ jurisdiction_id: fx.stationA, first_unit_id: fx.units.stationA });
  });

  it('falls back to the portal receiver for a point in no station area, or no point at all', async () => {
    const outside = await submitted({ location: { lng: 115.5, lat: 30.1 } });
    expect(outside).toMatchObject({ jurisdiction_id: fx.county, first_unit_id: fx.units.command, location_lng: 115.5 });
    expect(outside.trackingCode.startsWith('00-')).toBe(true);
    // Half a point is no point.
    expect(await submitted({ location: { address: '东门外', lng: 113.7 } })).toMatchObject({ jurisdiction_id: fx.county, first_unit_id: fx.units.command });
    expect(await submitted({})).toMatchObject({ jurisdiction_id: fx.county, first_unit_id: fx.units.command });
  });

  it('settles a point on the border between two areas the same way every time', async () => {
    const a = await submitted({ location: { lng: 113.8, lat: 28.7 } });
    const b = await submitted({ location: { lng: 113.8, lat: 28.7 } });
    // The point lies in both areas; jurisdictionAt takes the first in code order: 01 (east).
    expect(a.jurisdiction_id).toBe(fx.stationA);
    expect(b.jurisdiction_id).toBe(fx.stationA);
  });

  it('lists every jurisdiction with its boundary for the map', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/portal/jurisdictions' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual([
      { code: '00', name: '测试县', kind: 'county', boundary: expect.any(Array) },
      { code: '01', name: '东城派出所辖区', kind: 'station', boundary: AREA_01 },
      { code: '02', name: '西城派出所辖区', kind: 'station', boundary: AREA_02 },
    ]);
  });
});

describe('the demo county', () => {
  it('has station areas that contain the points the demo data puts in them', () => {
    const jurisdictions = AREAS.map((a) => ({ code: a.code, kind: 'station', boundary: a.boundary }));
    for (const area of AREAS) {
      for (const [u, v] of [[0, 0], [0, 1], [1, 0], [1, 1], [0.5, 0.5], [0.13, 0.77]]) {
        const p = pointIn(area, u, v);
        expect(jurisdictionAt(jurisdictions, [p.lng, p.lat])?.code, `${area.station} ${u},${v}`).toBe(area.code);
      }
    }
  });
});
