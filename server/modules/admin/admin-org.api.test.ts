/**
 * 系统管理 through HTTP: units, jurisdictions, staff accounts and kinds' time limits. Each change is
 * audited, refused input changes nothing and answers with field errors in the user's language, and
 * the org directory shows a change at once.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStaff, buildTestApp, createTestContext, login, seedFixture, validSubmission, type Fixture } from '../../test/harness.js';

let env: Awaited<ReturnType<typeof createTestContext>>;
let app: FastifyInstance;
let fx: Fixture;
let admin: Awaited<ReturnType<typeof login>>;
let officer: Awaited<ReturnType<typeof login>>;

const auditCount = async (action: string) =>
  (await env.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events WHERE action = $1', [action])).rows[0].n;
const patch = (client: typeof admin, url: string, payload: object, lang?: string) =>
  client.request({ method: 'PATCH', url, payload, headers: lang ? { 'accept-language': lang } : {} });

beforeAll(async () => {
  env = await createTestContext();
  fx = await seedFixture(env.ctx);
  app = await buildTestApp(env.ctx);
  await addStaff(env.ctx, 'root', fx.units.bureau, ['admin']);
  await addStaff(env.ctx, 'east1', fx.units.stationA, ['officer']);
  admin = await login(app, 'root');
  officer = await login(app, 'east1');
});

afterAll(async () => {
  await app?.close();
  await env?.close();
});

describe('units', () => {
  it('lists every unit with its jurisdiction, staff count and open matters; others may not', async () => {
    const res = await admin.get('/api/v1/staff/admin/units');
    expect(res.statusCode, res.body).toBe(200);
    const east = res.json().find((u: { id: number }) => u.id === fx.units.stationA);
    expect(east).toMatchObject({ code: 'east', jurisdictionId: fx.stationA, scope: 'jurisdiction', active: true, staffCount: 1, openMatters: 0 });
    expect((await officer.get('/api/v1/staff/admin/units')).statusCode).toBe(403);
    expect((await officer.post('/api/v1/staff/admin/units', { code: 'x_unit', name: '某单位', kind: 'department', jurisdictionId: 1, scope: 'county' })).statusCode).toBe(403);
  });

  it('creates a unit, audited, and the directory lists it at once', async () => {
    // Warm the directory's cache first, so that the test shows the change invalidating it.
    expect((await officer.get('/api/v1/staff/units')).json().some((u: { code: string }) => u.code === 'north')).toBe(false);
    const before = await auditCount('unit.created');
    const res = await admin.post('/api/v1/staff/admin/units', {
      code: 'north', name: '北城派出所', kind: 'station', parentId: fx.units.bureau, jurisdictionId: fx.stationA, scope: 'jurisdiction',
      phone: '0730-5612399', address: '测试县北城路1号',
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    const listed = (await officer.get('/api/v1/staff/units')).json().find((u: { code: string }) => u.code === 'north');
    expect(listed).toMatchObject({ id, name: '北城派出所', parentId: fx.units.bureau, phone: '0730-5612399', active: true });
    expect(await auditCount('unit.created')).toBe(before + 1);
    const again = await admin.post('/api/v1/staff/admin/units', { code: 'north', name: '另一个', kind: 'station', jurisdictionId: fx.stationA, scope: 'jurisdiction' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('UNIT_CODE_TAKEN');
  });

  it('refuses bad input with localized field errors and changes nothing', async () => {
    const count = async () => (await env.ctx.db.query('SELECT count(*)::int AS n FROM units')).rows[0].n;
    const before = await count();
    const bad = { code: 'Bad Code', name: 'x', kind: 'castle', jurisdictionId: fx.stationA, scope: 'county', phone: '12' };
    const zh = await admin.post('/api/v1/staff/admin/units', bad);
    expect(zh.statusCode).toBe(400);
    const fields = zh.json().error.fields as { path: string; message: string }[];
    expect(fields.map((f) => f.path).sort()).toEqual(['code', 'kind', 'name', 'phone']);
    expect(fields.find((f) => f.path === 'name')!.message).toBe('单位名称至少需要 2 个字符');
    expect(fields.find((f) => f.path === 'phone')!.message).toBe('联系电话格式不正确');
    const en = await admin.request({ method: 'POST', url: '/api/v1/staff/admin/units', payload: bad, headers: { 'accept-language': 'en' } });
    expect(en.json().error.fields.find((f: { path: string }) => f.path === 'name').message).toBe('name needs at least 2 characters');
    const unknownJurisdiction = await admin.post('/api/v1/staff/admin/units', { code: 'far', name: '远方单位', kind: 'department', jurisdictionId: 99, scope: 'county' });
    expect(unknownJurisdiction.statusCode).toBe(400);
    expect(unknownJurisdiction.json().error.fields[0].path).toBe('jurisdictionId');
    expect(await count()).toBe(before);
  });

  it('renames, re-parents and changes contact details; a parent that would make a cycle is refused', async () => {
    const res = await patch(admin, `/api/v1/staff/admin/units/${fx.units.stationB}`, { name: '西城派出所（新址）', phone: '', address: '测试县西城路9号' });
    expect(res.statusCode, res.body).toBe(200);
    const west = (await officer.get('/api/v1/staff/units')).json().find((u: { id: number }) => u.id === fx.units.stationB);
    expect(west).toMatchObject({ name: '西城派出所（新址）', phone: null, address: '测试县西城路9号' });
    expect((await patch(admin, `/api/v1/staff/admin/units/${fx.units.stationB}`, { parentId: fx.units.bureau })).statusCode).toBe(200);
    const cycle = await patch(admin, `/api/v1/staff/admin/units/${fx.units.bureau}`, { parentId: fx.units.stationB });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.code).toBe('UNIT_PARENT_INVALID');
    expect((await patch(admin, `/api/v1/staff/admin/units/${fx.units.bureau}`, { parentId: fx.units.bureau })).statusCode).toBe(400);
    expect((await patch(admin, '/api/v1/staff/admin/units/99999', { name: '不存在的单位' })).statusCode).toBe(404);
    expect((await patch(officer, `/api/v1/staff/admin/units/${fx.units.stationB}`, { name: '越权改名' })).statusCode).toBe(403);
    expect(await auditCount('unit.updated')).toBe(2);
  });

  it('refuses to deactivate a unit with open matters or active staff, saying why; an idle unit can be deactivated', async () => {
    // A portal submission naming station A's area goes to station A.
    const submitted = await app.inject({ method: 'POST', url: '/api/v1/portal/matters', payload: validSubmission({ jurisdictionCode: '01' }) });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const busy = await patch(admin, `/api/v1/staff/admin/units/${fx.units.stationA}`, { active: false });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error).toMatchObject({ code: 'UNIT_BUSY' });
    expect(busy.json().error.message).toBe('“东城派出所”还有 1 件未办结事项（含待签收的转办）和 1 名在岗人员，不能停用；请先将事项转办、人员调出或停用后再试');
    const busyEn = await patch(admin, `/api/v1/staff/admin/units/${fx.units.stationA}`, { active: false }, 'en');
    expect(busyEn.json().error.message).toMatch(/still has 1 open matters .* and 1 active staff/);
    const portal = await patch(admin, `/api/v1/staff/admin/units/${fx.units.command}`, { active: false });
    expect(portal.json().error.code).toBe('UNIT_RECEIVES_PORTAL');
    expect((await officer.get('/api/v1/staff/units')).json().find((u: { id: number }) => u.id === fx.units.stationA).active).toBe(true);

    const idle = await patch(admin, `/api/v1/staff/admin/units/${fx.units.supervision}`, { active: false });
    expect(idle.statusCode, idle.body).toBe(200);
    expect((await officer.get('/api/v1/staff/units')).json().find((u: { id: number }) => u.id === fx.units.supervision).active).toBe(false);
    const all = (await admin.get('/api/v1/staff/admin/units')).json();
    expect(all.find((u: { id: number }) => u.id === fx.units.supervision).active).toBe(false);
    expect(all.find((u: { id: number }) => u.id === fx.units.stationA).openMatters).toBe(1);
    // Nobody can be placed in an inactive unit.
    const placed = await admin.post('/api/v1/staff/admin/staff', { username: 'nowhere', name: '无处', unitId: fx.units.supervision, roles: ['officer'], password: 'Abcdefg1!' });
    expect(placed.json().error.code).toBe('UNKNOWN_UNIT');
  });
});

describe('jurisdictions', () => {
  const square = [[113.6, 28.7], [113.7, 28.7], [113.7, 28.8], [113.6, 28.8], [113.6, 28.7]];

  it('lists with boundaries and changes name and boundary, audited; the portal map sees it at once', async () => {
    const list = await admin.get('/api/v1/staff/admin/jurisdictions');
    expect(list.statusCode).toBe(200);
    expect(list.json().find((j: { id: number }) => j.id === fx.stationA)).toMatchObject({ code: '01', boundary: null });
    const res = await patch(admin, `/api/v1/staff/admin/jurisdictions/${fx.stationA}`, { name: '东城辖区', boundary: square });
    expect(res.statusCode, res.body).toBe(200);
    const seen = (await officer.get('/api/v1/staff/jurisdictions')).json().find((j: { id: number }) => j.id === fx.stationA);
    expect(seen).toMatchObject({ name: '东城辖区', boundary: square });
    expect(await auditCount('jurisdiction.updated')).toBe(1);
    expect((await patch(officer, `/api/v1/staff/admin/jurisdictions/${fx.stationA}`, { name: '越权' })).statusCode).toBe(403);
  });

  it('refuses a boundary with too few points or numbers out of range, and changes nothing', async () => {
    const url = `/api/v1/staff/admin/jurisdictions/${fx.stationA}`;
    const tooFew = await patch(admin, url, { boundary: [[113.6, 28.7], [113.7, 28.7]] });
    expect(tooFew.statusCode).toBe(400);
    expect(tooFew.json().error.fields).toEqual([{ path: 'boundary', message: '辖区边界至少需要 3 项' }]);
    const degenerate = await patch(admin, url, { boundary: [[113.6, 28.7], [113.7, 28.7], [113.6, 28.7]] }, 'en');
    expect(degenerate.json().error.fields).toEqual([{ path: 'boundary', message: 'The boundary needs at least 3 distinct points' }]);
    // Latitude and longitude swapped.
    const swapped = await patch(admin, url, { boundary: [[28.7, 113.6], [28.7, 113.7], [28.8, 113.7]] });
    expect(swapped.statusCode).toBe(400);
    expect(swapped.json().error.fields.map((f: { path: string }) => f.path)).toContain('boundary.0.0');
    expect(swapped.json().error.fields.find((f: { path: string }) => f.path === 'boundary.0.0').message).toBe('经度不能小于 73');
    const notNumbers = await patch(admin, url, { boundary: [['a', 'b'], [1], [2, 3, 4]] });
    expect(notNumbers.statusCode).toBe(400);
    const seen = (await admin.get('/api/v1/staff/admin/jurisdictions')).json().find((j: { id: number }) => j.id === fx.stationA);
    expect(seen.boundary).toEqual(square);
    expect(await auditCount('jurisdiction.updated')).toBe(1);
  });
});

describe('staff accounts', () => {
  it('pages, searches and filters without ever returning a password hash', async () => {
    for (let i = 0; i < 5; i++) await addStaff(env.ctx, `west${i}`, fx.units.stationB, i === 0 ? ['unit_leader', 'officer'] : ['officer']);
    await env.ctx.db.query("UPDATE staff SET badge_no = '009876', display_name = '王警官' WHERE username = 'west3'");
    const page = await admin.get('/api/v1/staff/admin/staff?page=2&pageSize=3');
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({ page: 2, pageSize: 3 });
    expect(page.json().total).toBeGreaterThanOrEqual(7);
    expect(page.json().items).toHaveLength(3);
    expect(page.body).not.toMatch(/argon2|password_hash|passwordHash/);
    const byUnit = (await admin.get(`/api/v1/staff/admin/staff?unitId=${fx.units.stationB}`)).json();
    expect(byUnit.total).toBe(5);
    expect(byUnit.items[0].unitName).toBe('西城派出所（新址）');
    expect((await admin.get('/api/v1/staff/admin/staff?role=unit_leader')).json().items.map((s: { username: string }) => s.username)).toEqual(['west0']);
    expect((await admin.get('/api/v1/staff/admin/staff?q=009876')).json().items.map((s: { username: string }) => s.username)).toEqual(['west3']);
    expect((await admin.get(`/api/v1/staff/admin/staff?q=${encodeURIComponent('王警')}`)).json().items[0].username).toBe('west3');
    expect((await admin.get('/api/v1/staff/admin/staff?q=WEST4')).json().total).toBe(1);
    // LIKE's wildcards match only themselves.
    expect((await admin.get('/api/v1/staff/admin/staff?q=%25')).json().total).toBe(0);
    expect((await admin.get('/api/v1/staff/admin/staff?status=disabled')).json().total).toBe(0);
    const bad = await admin.get('/api/v1/staff/admin/staff?role=king&pageSize=500');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['pageSize', 'role']);
    expect((await officer.get('/api/v1/staff/admin/staff')).statusCode).toBe(403);
  });

  it('creates an account that can log in; a weak password is refused on its field', async () => {
    const weak = await admin.post('/api/v1/staff/admin/staff', { username: 'newcomer', name: '新同事', unitId: fx.units.stationB, roles: ['officer'], password: 'abcdefgh' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields[0].path).toBe('password');
    const created = await admin.post('/api/v1/staff/admin/staff', {
      username: 'newcomer', name: '新同事', badgeNo: '012345', unitId: fx.units.stationB, roles: ['officer'], password: 'Newcomer#2026',
    });
    expect(created.statusCode, created.body).toBe(201);
    const me = await login(app, 'newcomer', 'Newcomer#2026');
    expect((await me.get('/api/v1/staff/session')).json().staff.name).toBe('新同事');
  });

  it('changes roles, unit, name and status, ending the person’s sessions; nobody removes the last administrator', async () => {
    const session = await login(app, 'newcomer', 'Newcomer#2026');
    const { rows: [{ id }] } = await env.ctx.db.query("SELECT id FROM staff WHERE username = 'newcomer'");
    const res = await patch(admin, `/api/v1/staff/admin/staff/${id}`, { roles: ['officer', 'unit_leader'], unitId: fx.units.stationA, name: '新同事甲', badgeNo: null });
    expect(res.statusCode, res.body).toBe(200);
    expect((await session.get('/api/v1/staff/session')).statusCode).toBe(401);
    const item = (await admin.get('/api/v1/staff/admin/staff?q=newcomer')).json().items[0];
    expect(item).toMatchObject({ name: '新同事甲', badgeNo: null, unitId: fx.units.stationA, roles: ['officer', 'unit_leader'] });
    const badName = await patch(admin, `/api/v1/staff/admin/staff/${id}`, { name: '甲', roles: [] });
    expect(badName.statusCode).toBe(400);
    expect(badName.json().error.fields.map((f: { message: string }) => f.message).sort()).toEqual(['姓名至少需要 2 个字符', '角色至少需要 1 项']);

    const { rows: [{ id: rootId }] } = await env.ctx.db.query("SELECT id FROM staff WHERE username = 'root'");
    const self = await patch(admin, `/api/v1/staff/admin/staff/${rootId}`, { status: 'disabled' });
    expect(self.statusCode).toBe(409);
    expect(self.json().error.code).toBe('LAST_ADMIN');
    expect((await patch(admin, `/api/v1/staff/admin/staff/${rootId}`, { roles: ['officer'] })).statusCode).toBe(409);
    expect((await admin.get('/api/v1/staff/session')).statusCode).toBe(200);
  });

  it('resets a password to a generated one shown once, or to one the administrator types; sessions end; the audit has no password', async () => {
    const { rows: [{ id }] } = await env.ctx.db.query("SELECT id FROM staff WHERE username = 'newcomer'");
    const session = await login(app, 'newcomer', 'Newcomer#2026');
    const res = await admin.post(`/api/v1/staff/admin/staff/${id}/password`, {});
    expect(res.statusCode, res.body).toBe(200);
    const temporary = res.json().temporaryPassword as string;
    expect(temporary).toMatch(/^.{12}$/);
    expect((await session.get('/api/v1/staff/session')).statusCode).toBe(401);
    await expect(login(app, 'newcomer', 'Newcomer#2026')).rejects.toThrow();
    await login(app, 'newcomer', temporary);

    const weak = await admin.post(`/api/v1/staff/admin/staff/${id}/password`, { password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields[0].path).toBe('password');
    const typed = await admin.post(`/api/v1/staff/admin/staff/${id}/password`, { password: 'Typed#Pass2026' });
    expect(typed.json()).toEqual({ id, temporaryPassword: null });
    await login(app, 'newcomer', 'Typed#Pass2026');

    const { rows } = await env.ctx.db.query("SELECT detail::text AS detail FROM audit_events WHERE action = 'staff.password_reset'");
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.detail).not.toMatch(new RegExp(`${temporary.replace(/[^A-Za-z0-9]/g, '.')}|Typed#Pass2026`));
    expect((await officer.post(`/api/v1/staff/admin/staff/${id}/password`, {})).statusCode).toBe(403);
    expect((await admin.post('/api/v1/staff/admin/staff/99999/password', {})).statusCode).toBe(404);
  });
});

describe('updates that cannot apply', () => {
  const staffIdOf = async (username: string) =>
    (await env.ctx.db.query<{ id: number }>('SELECT id FROM staff WHERE username = $1', [username])).rows[0].id;

  it('answers 404 for a staff account or a jurisdiction that does not exist', async () => {
    const staff = await patch(admin, '/api/v1/staff/admin/staff/99999', { name: '无此人' });
    expect([staff.statusCode, staff.json().error.code]).toEqual([404, 'NOT_FOUND']);
    const jurisdiction = await patch(admin, '/api/v1/staff/admin/jurisdictions/999', { name: '无此辖区' });
    expect([jurisdiction.statusCode, jurisdiction.json().error.code]).toEqual([404, 'NOT_FOUND']);
    const outOfRange = await patch(admin, '/api/v1/staff/admin/jurisdictions/40000', { name: '无此辖区' });
    expect(outOfRange.statusCode).toBe(400);
  });

  it('refuses an empty change in the user\'s language, and records nothing', async () => {
    const audits = await Promise.all(['unit.updated', 'staff.updated', 'jurisdiction.updated'].map(auditCount));
    const east1 = await staffIdOf('east1');
    for (const url of [`/api/v1/staff/admin/units/${fx.units.stationB}`, `/api/v1/staff/admin/staff/${east1}`, `/api/v1/staff/admin/jurisdictions/${fx.stationB}`]) {
      const zh = await patch(admin, url, {});
      expect([zh.statusCode, zh.json().error.code], url).toEqual([400, 'VALIDATION_FAILED']);
      expect(zh.json().error.fields).toEqual([{ path: 'body', message: '请至少修改一项' }]);
      const en = await patch(admin, url, {}, 'en');
      expect(en.json().error.fields).toEqual([{ path: 'body', message: 'Change at least one field' }]);
    }
    expect(await Promise.all(['unit.updated', 'staff.updated', 'jurisdiction.updated'].map(auditCount))).toEqual(audits);
  });

  it('takes a JSON body as sent: a string is not read as a boolean, a number or a list', async () => {
    const unit = () => env.ctx.db.query('SELECT active, parent_id FROM units WHERE id = $1', [fx.units.stationB]).then((r) => r.rows[0]);
    const unitBefore = await unit();
    const active = await patch(admin, `/api/v1/staff/admin/units/${fx.units.stationB}`, { active: 'false' });
    expect(active.statusCode).toBe(400);
    expect(active.json().error.fields).toEqual([{ path: 'active', message: '启用的类型不正确（应为 boolean）' }]);
    expect((await patch(admin, `/api/v1/staff/admin/units/${fx.units.stationB}`, { parentId: String(fx.units.bureau) })).statusCode).toBe(400);
    expect(await unit()).toEqual(unitBefore);

    const east1 = await staffIdOf('east1');
    const staff = () => env.ctx.db.query('SELECT roles, unit_id, status FROM staff WHERE id = $1', [east1]).then((r) => r.rows[0]);
    const staffBefore = await staff();
    const roles = await patch(admin, `/api/v1/staff/admin/staff/${east1}`, { roles: 'admin' }, 'en');
    expect(roles.statusCode).toBe(400);
    expect(roles.json().error.fields).toEqual([{ path: 'roles', message: 'roles must be of type array' }]);
    expect((await patch(admin, `/api/v1/staff/admin/staff/${east1}`, { unitId: String(fx.units.stationB) })).statusCode).toBe(400);
    expect(await staff()).toEqual(staffBefore);
    // The officer's session was not ended: nothing was changed.
    expect((await officer.get('/api/v1/staff/session')).statusCode).toBe(200);

    const boundary = await patch(admin, `/api/v1/staff/admin/jurisdictions/${fx.stationB}`, {
      boundary: [['113.6', '28.7'], ['113.7', '28.7'], ['113.7', '28.8']],
    });
    expect(boundary.statusCode).toBe(400);
    // Path and query parameters are text and still read as numbers.
    expect((await admin.get(`/api/v1/staff/admin/staff?unitId=${fx.units.stationA}&page=1`)).statusCode).toBe(200);
  });
});

describe('kinds', () => {
  it('lists the full rules for the administrator only', async () => {
    const res = await admin.get('/api/v1/staff/admin/kinds');
    expect(res.statusCode).toBe(200);
    const petition = res.json().find((k: { code: string }) => k.code === 'petition');
    expect(petition.stages.find((s: { stage: string }) => s.stage === 'handling')).toMatchObject({ stage: 'handling', amount: 60, unit: 'calendar_day', extension: { amount: 30, unit: 'calendar_day' } });
    expect((await officer.get('/api/v1/staff/admin/kinds')).statusCode).toBe(403);
  });

  it('refuses nonsense limits with field errors, and a change applies to new matters only', async () => {
    const submit = async () => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/portal/matters', payload: validSubmission({ kind: 'help' }) });
      expect(res.statusCode, res.body).toBe(201);
      const { rows } = await env.ctx.db.query(
        `SELECT d.due_at FROM matter_deadlines d JOIN matters m ON m.jurisdiction_id = d.jurisdiction_id AND m.id = d.matter_id
          WHERE m.case_no = $1 AND d.stage = 'handling'`, [res.json().caseNo]);
      return rows[0].due_at.toISOString() as string;
    };
    const dueBefore = await submit();
    const help = (await admin.get('/api/v1/staff/admin/kinds')).json().find((k: { code: string }) => k.code === 'help');
    const body = { version: help.version, nameZh: help.nameZh, nameEn: help.nameEn, publicSubmission: help.publicSubmission,
      stages: help.stages, reopenWindowDays: help.reopenWindowDays, pauseReasons: help.pauseReasons };
    const put = (payload: object) => admin.request({ method: 'PUT', url: '/api/v1/staff/admin/kinds/help', payload });

    const zero = await put({ ...body, stages: [{ ...body.stages[0], amount: 0 }, body.stages[1]] });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.fields).toEqual([{ path: 'stages.0.amount', message: '时限数值不能小于 1' }]);
    const tooLong = await put({ ...body, stages: [body.stages[0], { ...body.stages[1], amount: 300 }] });
    expect(tooLong.json().error.fields).toEqual([{ path: 'stages.1.amount', message: '时限不能超过 250 工作日' }]);
    const twice = await put({ ...body, stages: [body.stages[1], body.stages[1]] });
    expect(twice.json().error.fields[0].path).toBe('stages.1.stage');
    const never = await put({ ...body, stages: [{ ...body.stages[0], startsOn: 'accepted', endsOn: 'accepted' }, body.stages[1]] });
    expect(never.json().error.fields[0].path).toBe('stages.0.endsOn');
    const badUnit = await put({ ...body, stages: [{ ...body.stages[0], unit: 'week' }, body.stages[1]] });
    expect(badUnit.statusCode).toBe(400);
    expect((await admin.get('/api/v1/staff/admin/kinds')).json().find((k: { code: string }) => k.code === 'help').version).toBe(help.version);

    const ok = await put({ ...body, stages: [body.stages[0], { ...body.stages[1], amount: 20 }] });
    expect(ok.statusCode, ok.body).toBe(200);
    const saved = (await admin.get('/api/v1/staff/admin/kinds')).json().find((k: { code: string }) => k.code === 'help');
    expect(saved.stages[1].amount).toBe(20);
    expect(await auditCount('kind.updated')).toBe(1);
    const stale = await put({ ...body, stages: [body.stages[0], { ...body.stages[1], amount: 30 }] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'KIND_VERSION_CONFLICT', message: '该事项类型的时限规则已被他人修改，请刷新后核对再保存' });
    // The matter received before keeps its deadline; one received now gets the new, later one.
    const { rows } = await env.ctx.db.query("SELECT count(*)::int AS n FROM matter_deadlines WHERE stage = 'handling' AND due_at = $1", [dueBefore]);
    expect(rows[0].n).toBeGreaterThanOrEqual(1);
    expect(new Date(await submit()).getTime()).toBeGreaterThan(new Date(dueBefore).getTime());
  });
});

it('documents the administration routes in the OpenAPI document', async () => {
  const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
    '/api/v1/staff/admin/units', '/api/v1/staff/admin/units/{id}', '/api/v1/staff/admin/jurisdictions', '/api/v1/staff/admin/jurisdictions/{id}',
    '/api/v1/staff/admin/staff', '/api/v1/staff/admin/staff/{id}', '/api/v1/staff/admin/staff/{id}/password', '/api/v1/staff/admin/kinds',
  ]));
  // The staff list's schema has no password hash to leak.
  expect(JSON.stringify(doc.paths['/api/v1/staff/admin/staff'].get.responses['200'])).not.toMatch(/password_?hash/i);
});
