import type { AppContext } from '../../app-context.js';
import { runSweep } from '../../modules/matters/index.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import type { Queryable } from '../../platform/db/database.js';
import { Directory, planMatter } from './matters.js';
import { insertOrg } from './org.js';
import { seedPosts } from './posts.js';
import { seedFollowUps } from './follow-ups.js';
import { seedConduct } from './conduct.js';
import { seedProposalsReception } from './proposals-reception.js';
import { seedPetitions } from './petitions.js';
import { seededRandom } from './random.js';
import { insertStaff } from './staff.js';
import { DAY, runPlans } from './timeline.js';

/**
 * The demo county loaded by `jingmin start` on an empty database (and by `jingmin seed`): 青山县公安局
 * with its command centre, petition office, mediation centre, supervision office, public-order
 * department and six police stations; about 45 staff; about 300 matters over the last 90 days, made
 * by running their histories through the matter services on a simulated clock.
 */

/** Every demo account's password; it meets the password policy (8+ characters, 3 of 4 classes). */
export const DEMO_PASSWORD = 'Jingmin@2026';

/** The accounts worth trying, one per role. */
export const DEMO_LOGINS: { username: string; description: string }[] = [
  { username: 'admin', description: '系统管理员' },
  { username: 'auditor', description: '安全审计员（查阅审计日志）' },
  { username: 'zhihui01', description: '指挥中心 接警员' },
  { username: 'chengguan_zhang', description: '城关派出所 承办民警' },
  { username: 'chengguan_wang', description: '城关派出所 所长（单位负责人）' },
  { username: 'chengguan_zeng', description: '城关派出所 户籍窗口' },
  { username: 'donghu_liu', description: '东湖派出所 承办民警' },
  { username: 'xinfang01', description: '信访科 信访干事（信访、建议提案、局长接访日）' },
  { username: 'ducha_zhou', description: '督察大队 督察（投诉民警、举报、评价申诉）' },
  { username: 'zhihui_zhou', description: '指挥中心 主任（电话回访）' },
  { username: 'jianduyuan_li', description: '警风警纪监督员（外部人员）' },
  { username: 'juzhang_chen', description: '青山县公安局 局长（局领导）' },
];

const MATTERS = 300;
const RANDOM_SEED = 2026_0101;
// Serialises concurrent seeding (two servers starting on one empty database).
const SEED_LOCK = 7_412_101;

async function hasJurisdiction(db: Queryable): Promise<boolean> {
  const { rows } = await db.query('SELECT EXISTS (SELECT 1 FROM jurisdictions) AS found');
  return rows[0].found;
}

export async function seedDemo(
  ctx: AppContext, options: { onlyIfEmpty: boolean; log: (line: string) => void; now?: Date },
): Promise<{ units: number; staff: number; matters: number } | undefined> {
  if (options.onlyIfEmpty && (await hasJurisdiction(ctx.db))) return undefined;
  const started = Date.now();
  const now = (options.now ?? ctx.clock()).getTime();
  const log = (line: string) => options.log(`演示数据：${line}`);
  log('正在载入青山县公安局的单位、人员和近 90 天的事项…');
  // argon2 is slow on purpose: one hash serves every demo account.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const seeded = await ctx.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    const empty = !(await hasJurisdiction(tx));
    if (options.onlyIfEmpty && !empty) return undefined;
    const { rows } = await tx.query<{ matters: number }>('SELECT count(*) AS matters FROM matters');
    const org = await insertOrg(tx);
    const staff = await insertStaff(tx, org.unitIds, passwordHash, { createdAt: new Date(now - 120 * DAY), passwordChangedAt: new Date(now) });
    return { org, staff, empty, existingMatters: rows[0].matters };
  });
  if (!seeded) return undefined;
  ctx.org.invalidate();
  ctx.kinds.invalidate();
  log(`已建立 ${seeded.org.jurisdictionIds.size} 个辖区、${seeded.org.units} 个单位、${seeded.staff.length} 名人员`);

  // The same demo on every machine; a forced second load (seed --force) gets different matters.
  const seed = RANDOM_SEED + seeded.existingMatters;
  // Each matter has its own streams, so that one matter's history never shifts the next one's.
  const streams = (i: number) => ({
    content: seededRandom(seed ^ Math.imul(i + 1, 0x9e3779b1)),
    timing: seededRandom(seed ^ Math.imul(i + 1, 0x85ebca6b)),
    feedback: seededRandom(seed ^ Math.imul(i + 1, 0xc2b2ae35)),
  });
  const directory = new Directory(seeded.staff);
  let created = 0;
  const onCreated = () => {
    created += 1;
    if (created % 50 === 0) log(`已生成 ${created} 件事项`);
  };
  const plans = Array.from({ length: MATTERS }, (_, i) => planMatter(i + 1, streams(i), directory, now, onCreated));
  // On a database that already had matters, sweeping at past instants would write old events onto
  // them; there only today's sweep runs.
  const { steps } = await runPlans(ctx, plans, now, { sweepHistory: seeded.empty });
  // The channels' own demo records (issue 4) name fixed people and units: only a first load adds them.
  if (seeded.empty) {
    await seedConduct(ctx, { passwordHash, log });
    await seedProposalsReception(ctx, seeded.staff, now, log);
    await seedPosts(ctx, now, log);
    await seedFollowUps(ctx, seeded.staff, now, log);
    await seedPetitions(ctx, seeded.staff, now, log);
  }
  await runSweep(ctx.db, new Date(now));
  const { rows } = await ctx.db.query<{ overdue: number; due_soon: number }>(
    `SELECT count(DISTINCT matter_id) FILTER (WHERE due_at < $1) AS overdue,
            count(DISTINCT matter_id) FILTER (WHERE due_at >= $1 AND warn_at <= $1) AS due_soon
       FROM matter_deadlines WHERE status = 'active' AND paused_at IS NULL`, [new Date(now)]);
  log(`共 ${created} 件事项、${steps} 步办理记录，其中超期未办结 ${rows[0].overdue} 件、临期 ${rows[0].due_soon} 件`
    + `（用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
  return { units: seeded.org.units, staff: seeded.staff.length, matters: created };
}
