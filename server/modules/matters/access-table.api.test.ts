import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MATTER_ACCESS, mayMatter, ROLES, type MatterPermission, type Relation, type Role } from '../../../common/access.js';
import { ALLOWED_FROM, type MatterAction, type MatterState } from '../../../common/workflow.js';
import { addStaff, buildTestApp, createTestContext, login, seedFixture, validSubmission, type Fixture } from '../../test/harness.js';
import { registerMatter } from './matters.service.js';

/**
 * The access table (common/access.ts) and the workflow table (common/workflow.ts) are the oracle:
 * for every role, every way a unit can relate to a matter and every staff action on a matter,
 * the expected answer is computed from the tables and compared with what the API does.
 */

type Position = {
  name: string; unit: keyof Fixture['units'] | 'stationC' | 'outside'; relations: Relation[]; pendingTransferToUnit: boolean;
  /** The matter concerns an officer of the actor's unit (a complaint): the unit is recused, whatever it would be otherwise. */
  recused?: boolean;
};

// How the actor's unit relates to a matter received and handled by station A, in jurisdiction A.
const POSITIONS: Position[] = [
  { name: 'handler unit (station A)', unit: 'stationA', relations: ['inScope', 'involved', 'handler'], pendingTransferToUnit: false },
  { name: 'other station (C)', unit: 'stationC', relations: [], pendingTransferToUnit: false },
  { name: 'station B, matter transferred to it', unit: 'stationB', relations: ['involved', 'receiver'], pendingTransferToUnit: true },
  { name: 'county unit (supervision office)', unit: 'supervision', relations: ['inScope'], pendingTransferToUnit: false },
  // 警风警纪监督员 sit in an outside unit (units.kind 'external'), which relates to no matter.
  { name: 'external unit', unit: 'outside', relations: [], pendingTransferToUnit: false },
  // Recusal (decision 0015): the handling station itself, when the matter is a complaint about one of its officers.
  { name: 'handler unit (station A), recused', unit: 'stationA', relations: [], pendingTransferToUnit: false, recused: true },
];

type Case = { action: MatterAction | 'read' | 'reveal'; permission: MatterPermission; state: MatterState; success: number };

const CASES: Case[] = [
  { action: 'read', permission: 'matter.read', state: 'handling', success: 200 },
  { action: 'reveal', permission: 'matter.reveal', state: 'handling', success: 200 },
  { action: 'note', permission: 'matter.note', state: 'handling', success: 200 },
  { action: 'accept', permission: 'matter.accept', state: 'received', success: 200 },
  { action: 'transfer', permission: 'matter.transfer', state: 'handling', success: 200 },
  { action: 'acceptTransfer', permission: 'matter.acceptTransfer', state: 'transferring', success: 200 },
  { action: 'returnTransfer', permission: 'matter.returnTransfer', state: 'transferring', success: 200 },
  { action: 'reply', permission: 'matter.handle', state: 'handling', success: 200 },
  { action: 'pause', permission: 'matter.handle', state: 'handling', success: 200 },
  { action: 'reject', permission: 'matter.reject', state: 'handling', success: 200 },
  { action: 'extend', permission: 'matter.extend', state: 'handling', success: 409 }, // hotline kinds have no extension rule
  { action: 'supervise', permission: 'matter.supervise', state: 'handling', success: 201 },
];

function expectedStatus(role: Role, position: Position, kase: Case, state: MatterState): number {
  const relations = new Set(position.relations);
  if (!mayMatter([role], relations, 'matter.read')) return 404;
  if (!mayMatter([role], relations, kase.permission)) return 403;
  if (kase.action !== 'read' && kase.action !== 'reveal' && !ALLOWED_FROM[kase.action].includes(state)) return 409;
  return kase.success;
}

let env: Awaited<ReturnType<typeof createTestContext>>;
let app: FastifyInstance;
let fx: Fixture & { units: Fixture['units'] & { stationC: number; outside: number } };
const clients = new Map<string, Awaited<ReturnType<typeof login>>>();
let clerkActor: Parameters<typeof registerMatter>[1];

beforeAll(async () => {
  env = await createTestContext();
  const base = await seedFixture(env.ctx);
  await env.ctx.db.query(`INSERT INTO jurisdictions (id, code, name, kind) VALUES (4, '03', '南城派出所辖区', 'station')`);
  const { rows } = await env.ctx.db.query(`INSERT INTO units (code, name, kind, jurisdiction_id, scope) VALUES ('south', '南城派出所', 'station', 4, 'jurisdiction') RETURNING id`);
  const { rows: outside } = await env.ctx.db.query(`INSERT INTO units (code, name, kind, jurisdiction_id, scope) VALUES ('outside', '警风警纪监督员', 'external', 1, 'jurisdiction') RETURNING id`);
  fx = { ...base, units: { ...base.units, stationC: rows[0].id, outside: outside[0].id } };
  env.ctx.org.invalidate();
  app = await buildTestApp(env.ctx);
  for (const role of ROLES) {
    for (const position of POSITIONS) {
      const username = `${role}_${position.unit}${position.recused ? '_r' : ''}`.toLowerCase();
      await addStaff(env.ctx, username, fx.units[position.unit], [role]);
      clients.set(`${role}/${position.name}`, await login(app, username));
    }
  }
  const clerkId = await addStaff(env.ctx, 'seedclerk', fx.units.stationA, ['clerk']);
  clerkActor = {
    staffId: clerkId, name: '登记员', username: 'seedclerk', roles: ['clerk'], unitId: fx.units.stationA, unitName: '东城派出所',
    unitScope: 'jurisdiction', unitJurisdictionId: fx.stationA, csrfToken: '', sessionHash: Buffer.alloc(0),
  };
}, 180_000);
afterAll(async () => { await app.close(); await env.close(); });

/** A fresh matter in jurisdiction A, handled by station A (no named officer), put straight into the wanted state. */
async function matterIn(state: MatterState, transferToB: boolean, recused = false) {
  const created = await registerMatter(env.ctx, clerkActor, {
    ...validSubmission(), kind: 'help', channel: 'window', receivedAt: env.clock.now().toISOString(),
  } as Parameters<typeof registerMatter>[2]);
  await env.ctx.db.query('UPDATE matters SET state = $2, handler_officer_id = NULL WHERE id = $1', [created.id, state]);
  if (transferToB) {
    await env.ctx.db.query(
      `INSERT INTO matter_transfers (jurisdiction_id, matter_id, from_unit_id, to_unit_id, reason, from_state, sent_at)
       VALUES ($1, $2, $3, $4, '测试转办', 'handling', now())`, [fx.stationA, created.id, fx.units.stationA, fx.units.stationB]);
    await env.ctx.db.query('INSERT INTO matter_units VALUES ($1, $2, $3)', [fx.stationA, created.id, fx.units.stationB]);
  }
  if (recused) {
    await env.ctx.db.query('INSERT INTO matter_recusals (jurisdiction_id, matter_id, unit_ids, computed_at) VALUES ($1, $2, $3, now())',
      [fx.stationA, created.id, [fx.units.stationA]]);
  }
  const { rows } = await env.ctx.db.query('SELECT version FROM matters WHERE id = $1', [created.id]);
  return { id: created.id as number, version: rows[0].version as number };
}

function request(kase: Case, id: number, version: number) {
  const url = `/api/v1/staff/matters/${id}`;
  switch (kase.action) {
    case 'read': return { method: 'GET' as const, url };
    case 'reveal': return { method: 'POST' as const, url: `${url}/personal-data/reveal`, payload: { reason: '核实身份' } };
    case 'note': return { method: 'POST' as const, url: `${url}/notes`, payload: { text: '内部备注' } };
    case 'accept': return { method: 'POST' as const, url: `${url}/accept`, payload: { version } };
    case 'transfer': return { method: 'POST' as const, url: `${url}/transfers`, payload: { version, toUnitId: fx.units.command, reason: '请指挥中心协调' } };
    case 'acceptTransfer': return { method: 'POST' as const, url: `${url}/transfer/accept`, payload: { version } };
    case 'returnTransfer': return { method: 'POST' as const, url: `${url}/transfer/return`, payload: { version, reason: '不属本所辖区' } };
    case 'reply': return { method: 'POST' as const, url: `${url}/reply`, payload: { version, text: '已处理完毕' } };
    case 'pause': return { method: 'POST' as const, url: `${url}/pause`, payload: { version, pauseReason: 'awaiting_citizen', reason: '等待群众提供材料' } };
    case 'reject': return { method: 'POST' as const, url: `${url}/reject`, payload: { version, reason: '不属公安机关职责，请向市场监管部门反映' } };
    case 'extend': return { method: 'POST' as const, url: `${url}/extension`, payload: { version, reason: '情况复杂' } };
    case 'supervise': return { method: 'POST' as const, url: `${url}/supervision-orders`, payload: { instructions: '请加快办理', dueAt: new Date(env.clock.now().getTime() + 86_400_000).toISOString() } };
    default: throw new Error(`no request for ${kase.action}`);
  }
}

describe('role × jurisdiction × action, as the access table says', () => {
  for (const role of ROLES) {
    for (const position of POSITIONS) {
      it(`${role} in ${position.name}`, async () => {
        const client = clients.get(`${role}/${position.name}`)!;
        const outcomes: string[] = [];
        const expected: string[] = [];
        for (const kase of CASES) {
          const state: MatterState = position.pendingTransferToUnit ? 'transferring' : kase.state;
          const matter = await matterIn(state, position.pendingTransferToUnit || kase.state === 'transferring', position.recused);
          const res = await client.request(request(kase, matter.id, matter.version));
          outcomes.push(`${kase.action}: ${res.statusCode}`);
          expected.push(`${kase.action}: ${expectedStatus(role, position, kase, state)}`);
        }
        expect(outcomes).toEqual(expected);
      });
    }
  }

  it('covers every permission of the table', () => {
    const tested = new Set(CASES.map((kase) => kase.permission));
    expect([...tested].sort()).toEqual(Object.keys(MATTER_ACCESS).sort());
  });
});

describe('lists are scoped like single matters', () => {
  it('an officer of another station sees none of station A’s matters; a county unit sees them', async () => {
    const matter = await matterIn('handling', false);
    const other = await clients.get('officer/other station (C)')!.get('/api/v1/staff/matters?pageSize=100');
    expect(other.statusCode).toBe(200);
    expect(other.json().items.map((m: { id: number }) => m.id)).not.toContain(matter.id);
    const county = await clients.get('supervisor/county unit (supervision office)')!.get('/api/v1/staff/matters?pageSize=100');
    expect(county.json().items.map((m: { id: number }) => m.id)).toContain(matter.id);
  });

  it('a recused unit does not list the matter, even with county-wide sight', async () => {
    const matter = await matterIn('handling', false);
    await env.ctx.db.query('INSERT INTO matter_recusals (jurisdiction_id, matter_id, unit_ids, computed_at) VALUES ($1, $2, $3, now())',
      [fx.stationA, matter.id, [fx.units.supervision]]);
    const county = await clients.get('supervisor/county unit (supervision office)')!.get('/api/v1/staff/matters?pageSize=100');
    expect(county.json().items.map((m: { id: number }) => m.id)).not.toContain(matter.id);
    const station = await clients.get('officer/handler unit (station A)')!.get('/api/v1/staff/matters?pageSize=100');
    expect(station.json().items.map((m: { id: number }) => m.id)).toContain(matter.id);
  });

  it('roles without list rights get 403', async () => {
    const res = await clients.get('admin/handler unit (station A)')!.get('/api/v1/staff/matters');
    expect(res.statusCode).toBe(403);
  });
});
