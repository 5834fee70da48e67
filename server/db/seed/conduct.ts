import type { Role } from '../../../common/access.js';
import type { AppContext } from '../../app-context.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { fileObservation, linkOfficer, recordFinding } from '../../modules/conduct/index.js';
import { matterService } from '../../modules/matters/index.js';

/**
 * 投诉、举报、警风警纪监督员 in the demo county (decision 0015), made through the services so that recusal, the
 * timeline and the sealed reporter are as they would be: two outside conduct supervisors with their own unit;
 * complaints about named officers of 城关 and 东湖 (one answered and found sustained, one being handled, so that
 * 张伟 and 刘强 cannot open them nor their 所长 either); a report and an anonymous one; two observations.
 */
const SUPERVISORS = [
  { username: 'jianduyuan_li', name: '李秀兰', role: 'conduct_supervisor' as Role },
  { username: 'jianduyuan_wang', name: '王德明', role: 'conduct_supervisor' as Role },
];

async function actorOf(ctx: AppContext, username: string): Promise<Actor> {
  const { rows } = await ctx.db.query(
    `SELECT s.id, s.display_name, s.roles, u.id AS unit_id, u.name AS unit_name, u.scope, u.jurisdiction_id
       FROM staff s JOIN units u ON u.id = s.unit_id WHERE s.username = $1`, [username]);
  const r = rows[0];
  return { staffId: r.id, name: r.display_name, username, roles: r.roles, unitId: r.unit_id, unitName: r.unit_name, unitScope: r.scope,
    unitJurisdictionId: r.jurisdiction_id, csrfToken: '', sessionHash: Buffer.alloc(0) };
}

const staffId = async (ctx: AppContext, username: string) =>
  (await ctx.db.query<{ id: number }>('SELECT id FROM staff WHERE username = $1', [username])).rows[0].id;
const versionOf = async (ctx: AppContext, id: number) =>
  (await ctx.db.query<{ version: number }>('SELECT version FROM matters WHERE id = $1', [id])).rows[0].version;
const idOf = async (ctx: AppContext, caseNo: string) =>
  Number((await ctx.db.query<{ id: string }>('SELECT id FROM matters WHERE case_no = $1', [caseNo])).rows[0].id);

export async function seedConduct(ctx: AppContext, options: { passwordHash: string; log: (line: string) => void }) {
  const { rows: bureau } = await ctx.db.query<{ id: number; jurisdiction_id: number }>("SELECT id, jurisdiction_id FROM units WHERE code = 'bureau'");
  const { rows: unit } = await ctx.db.query<{ id: number }>(
    `INSERT INTO units (code, name, kind, parent_id, jurisdiction_id, scope) VALUES ('conduct_supervisors', '警风警纪监督员', 'external', $1, $2, 'jurisdiction')
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name RETURNING id`, [bureau[0].id, bureau[0].jurisdiction_id]);
  for (const s of SUPERVISORS) {
    await ctx.db.query(
      `INSERT INTO staff (username, display_name, unit_id, roles, password_hash) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (username) DO NOTHING`,
      [s.username, s.name, unit[0].id, [s.role], options.passwordHash]);
  }
  ctx.org.invalidate();

  const ducha = await actorOf(ctx, 'ducha_sun');
  const portal = (body: Record<string, unknown>) => matterService.submitFromPortal(ctx, body as never, undefined);

  // Answered, and found sustained: it counts in 张伟's record.
  const first = await idOf(ctx, (await portal({
    kind: 'complaint', content: '我在城关派出所户籍窗口办理迁户口，民警张伟态度生硬，材料一次没说清楚，让我来回跑了三趟。',
    namedOfficer: '城关派出所 张伟', contact: { name: '周桂芳', phone: '13907301234' },
  })).caseNo);
  await linkOfficer(ctx, ducha, first, { version: await versionOf(ctx, first), officerId: await staffId(ctx, 'chengguan_zhang') });
  await matterService.acceptMatter(ctx, ducha, first, await versionOf(ctx, first));
  await matterService.replyToCitizen(ctx, ducha, first, { version: await versionOf(ctx, first), close: true,
    text: '经督察大队调查核实，您反映的情况属实。已对该民警批评教育，责令城关派出所落实一次性告知制度，并向您致歉。' });
  await recordFinding(ctx, ducha, first, await staffId(ctx, 'chengguan_zhang'), { version: await versionOf(ctx, first), finding: 'sustained' });

  // Being handled: neither 刘强 nor 东湖派出所's leader can see it.
  const second = await idOf(ctx, (await portal({
    kind: 'complaint', content: '昨晚 11 点左右在东湖新城小区报警称楼上噪音扰民，出警民警到场后没有处理就走了，还说这种事别再打 110。',
    namedOfficer: '东湖派出所 刘警官', location: { address: '东湖新城小区' }, contact: { name: '陈俊', phone: '13807305678' },
  })).caseNo);
  await linkOfficer(ctx, ducha, second, { version: await versionOf(ctx, second), officerId: await staffId(ctx, 'donghu_liu') });
  await matterService.acceptMatter(ctx, ducha, second, await versionOf(ctx, second));

  // Reports: one with a sealed reporter, routed by its area; one anonymous.
  await portal({ kind: 'report', content: '西河镇老街一家棋牌室每天晚上聚众赌博，进出人员很多，影响附近居民休息。',
    jurisdictionCode: '03', contact: { name: '匿名群众', phone: '13607309876' } });
  await portal({ kind: 'report', content: '龙潭镇环镇路旁的废品收购站疑似收购来路不明的电缆，请派人查一查。', jurisdictionCode: '06', anonymous: true });

  // Observations by the conduct supervisors: one open, one answered.
  const li = await actorOf(ctx, 'jianduyuan_li');
  const wang = await actorOf(ctx, 'jianduyuan_wang');
  await fileObservation(ctx, li, { content: '本周三上午到南桥派出所户籍窗口暗访，窗口 9 点才开始办理业务，群众排队等候 20 多分钟，建议核查上班时间执行情况。' });
  const answered = await fileObservation(ctx, wang, { content: '县汽车站附近执勤的交巡警没有佩戴执法记录仪，建议加强执法规范化检查。', namedOfficer: '汽车站执勤民警' });
  await matterService.acceptMatter(ctx, ducha, answered.id, await versionOf(ctx, answered.id));
  await matterService.replyToCitizen(ctx, ducha, answered.id, { version: await versionOf(ctx, answered.id),
    text: '感谢您的监督。经核查，当日执勤民警记录仪故障未及时更换，已责令整改并通报全局。' });
  options.log('已载入投诉、举报和警风警纪监督员的演示数据（监督员账号 jianduyuan_li、jianduyuan_wang）');
}
