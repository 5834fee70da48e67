import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStaff, buildTestApp, createTestContext, login, seedFixture, type Fixture } from '../../test/harness.js';
import { backfillMatterSearchText } from './search-text.js';

let env: Awaited<ReturnType<typeof createTestContext>>;
let app: FastifyInstance;
let fx: Fixture;
let taker: Awaited<ReturnType<typeof login>>;

async function register(content: string, extra: Record<string, unknown> = {}) {
  const res = await taker.post('/api/v1/staff/matters', {
    kind: 'help', channel: 'phone', receivedAt: env.clock.now().toISOString(), content,
    contact: { name: '李四', phone: '13911112222' }, ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; caseNo: string };
}
const ids = async (client: typeof taker, query: string) => {
  const res = await client.get(`/api/v1/staff/matters?pageSize=100&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { id: number }[]).map((i) => i.id).sort((a, b) => a - b);
};

let a: { id: number }, b: { id: number }, c: { id: number }, d: { id: number };

beforeAll(async () => {
  env = await createTestContext();
  fx = await seedFixture(env.ctx);
  await addStaff(env.ctx, 'taker', fx.units.command, ['call_taker']);
  await addStaff(env.ctx, 'east1', fx.units.stationA, ['officer']);
  app = await buildTestApp(env.ctx);
  taker = await login(app, 'taker');
  a = await register('小区监控系统构建工作进展缓慢，请派出所协调。', { jurisdictionCode: '01' });
  b = await register('關於社區巡邏機制構建的建議，望採納。', { jurisdictionCode: '01', kind: 'suggestion', channel: 'letter' });
  env.clock.advance(86_400_000);
  taker = await login(app, 'taker');
  c = await register('=HYPERLINK("http://x")门牌号１２３号附近噪音扰民', { jurisdictionCode: '02', channel: 'visit' });
  d = await register('西城路口红绿灯故障 test_100% 完成', { jurisdictionCode: '02' });
  taker = await login(app, 'taker');
});
afterAll(async () => { await app.close(); await env.close(); });

describe('matter list filters and search', () => {
  it('narrows by each filter', async () => {
    expect(await ids(taker, '')).toEqual([a.id, b.id, c.id, d.id]);
    expect(await ids(taker, 'kind=suggestion')).toEqual([b.id]);
    expect(await ids(taker, 'channel=visit')).toEqual([c.id]);
    expect(await ids(taker, 'state=received')).toEqual([a.id, b.id, c.id, d.id]);
    expect(await ids(taker, `handlerUnitId=${fx.units.command}`)).toEqual([a.id, b.id, c.id, d.id]);
    expect(await ids(taker, `handlerUnitId=${fx.units.stationA}`)).toEqual([]);
    expect(await ids(taker, 'handlerOfficerId=999')).toEqual([]);
    const cut = encodeURIComponent(new Date(env.clock.now().getTime() - 3_600_000).toISOString());
    expect(await ids(taker, `receivedFrom=${cut}`)).toEqual([c.id, d.id]);
    expect(await ids(taker, `receivedTo=${cut}`)).toEqual([a.id, b.id]);
    expect(await ids(taker, 'overdue=true')).toEqual([]);
    expect(await ids(taker, 'overdue=false')).toEqual([a.id, b.id, c.id, d.id]);
    env.clock.advance(60 * 86_400_000);
    taker = await login(app, 'taker');
    expect(await ids(taker, 'overdue=true')).toEqual([a.id, b.id, c.id, d.id]);
    expect(await ids(taker, 'overdue=false')).toEqual([]);
  });

  it('finds traditional for simplified and the reverse, full-width for half-width, and takes % literally', async () => {
    expect(await ids(taker, `q=${encodeURIComponent('构建')}`)).toEqual([a.id, b.id]);
    expect(await ids(taker, `q=${encodeURIComponent('構建')}`)).toEqual([a.id, b.id]);
    expect(await ids(taker, `q=${encodeURIComponent('社区巡逻')}`)).toEqual([b.id]);
    expect(await ids(taker, 'q=123')).toEqual([c.id]);
    expect(await ids(taker, `q=${encodeURIComponent('１２３')}`)).toEqual([c.id]);
    expect(await ids(taker, `q=${encodeURIComponent('100%')}`)).toEqual([d.id]);
    expect(await ids(taker, `q=${encodeURIComponent('%')}`)).toEqual([d.id]);
    expect(await ids(taker, 'q=T_S')).toEqual([]);
    expect(await ids(taker, 'q=TEST')).toEqual([d.id]);
  });

  it('backfills rows without search text', async () => {
    await env.ctx.db.query('UPDATE matters SET search_text = NULL WHERE id = $1', [b.id]);
    expect(await ids(taker, `q=${encodeURIComponent('构建')}`)).toEqual([a.id]);
    expect(await backfillMatterSearchText(env.ctx.db, 1)).toBe(1);
    expect(await backfillMatterSearchText(env.ctx.db)).toBe(0);
    expect(await ids(taker, `q=${encodeURIComponent('构建')}`)).toEqual([a.id, b.id]);
  });

  it("never shows another station's matters", async () => {
    const east = await login(app, 'east1');
    expect(await ids(east, '')).toEqual([a.id, b.id]);
    expect(await ids(east, 'channel=visit')).toEqual([]);
    expect(await ids(east, 'q=123')).toEqual([]);
  });

  it('sorts by received time or by deadline, in either direction, and refuses other sorts', async () => {
    const order = async (sort: string) => {
      const res = await taker.get(`/api/v1/staff/matters?pageSize=100&sort=${encodeURIComponent(sort)}`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as { id: number; nextDueAt: string }[]);
    };
    expect((await order('-receivedAt')).map((i) => i.id)).toEqual([d.id, c.id, b.id, a.id]);
    expect((await order('receivedAt')).map((i) => i.id)).toEqual([a.id, b.id, c.id, d.id]);
    const byDue = (await order('dueAt')).map((i) => i.nextDueAt);
    expect(byDue).toEqual([...byDue].sort());
    expect((await order('-dueAt')).map((i) => i.nextDueAt)).toEqual([...byDue].reverse());
    expect((await taker.get('/api/v1/staff/matters?sort=content')).statusCode).toBe(400);
    expect((await taker.get('/api/v1/staff/matters/export.xlsx?sort=content')).statusCode).toBe(400);
  });

  it('refuses bad filters with field errors', async () => {
    for (const query of ['receivedFrom=yesterday', 'overdue=maybe', 'q=', `q=${'x'.repeat(51)}`, 'handlerUnitId=abc', 'unknown=1']) {
      const res = await taker.get(`/api/v1/staff/matters?${query}`);
      expect(res.statusCode, query).toBe(400);
    }
    const res = await taker.get('/api/v1/staff/matters?receivedFrom=yesterday');
    expect(JSON.stringify(res.json().error)).toContain('receivedFrom');
    expect((await taker.get('/api/v1/staff/matters/export.xlsx?receivedTo=x')).statusCode).toBe(400);
  });
});

describe('export', () => {
  it('writes an .xlsx with Chinese headers, the filtered rows, no personal data, no formulas, and an audit row', async () => {
    const res = await taker.get('/api/v1/staff/matters/export.xlsx?receivedFrom=2026-11-16T12:00:00Z');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/^attachment; .*filename\*=UTF-8''%E4%BA%8B%E9%A1%B9%E5%88%97%E8%A1%A8-\d{8}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, '编号', '类型', '渠道', '状态', '摘要', '所属辖区', '承办单位', '承办人', '接收时间', '截止时间', '是否超期']);
    expect(sheet.rowCount).toBe(3);
    const cells = [2, 3].map((n) => (sheet.getRow(n).values as unknown[]).slice(1).map(String));
    const summaries = cells.map((row) => row[4]);
    expect(summaries.some((s) => s.startsWith("'=HYPERLINK"))).toBe(true);
    expect(cells.flat().some((v) => /^[=+\-@]/.test(v))).toBe(false);
    expect(cells.flat().join('|')).not.toMatch(/13911112222|李四/);
    expect(cells[0][2]).toMatch(/来访|电话/);
    const audit = await env.ctx.db.query("SELECT detail FROM audit_events WHERE action = 'matter.exported'");
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].detail).toMatchObject({ rows: 2, filters: { receivedFrom: '2026-11-16T12:00:00Z' } });
  });

  it("exports only the rows the user may see", async () => {
    const east = await login(app, 'east1');
    const res = await east.get('/api/v1/staff/matters/export.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0].rowCount).toBe(3);
  });
});
