import type { AppContext } from '../../app-context.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { matterService } from '../../modules/matters/index.js';
import { moderate, submitPost } from '../../modules/posts/index.js';
import type { RefusalReason } from '../../../common/contracts/posts.js';
import { DAY } from './timeline.js';

type Plan = {
  channel: 'mailbox' | 'message_board'; kind: string; title: string; content: string; name: string; phone: string;
  daysAgo: number; consent?: boolean;
  /** What happens next: published (and answered, with this text), refused with reasons, or left waiting. */
  then?: { publish: true; text?: string; answer?: string } | { refuse: RefusalReason[]; note?: string };
};

const PLANS: Plan[] = [
  { channel: 'message_board', kind: 'suggestion', title: '建议城关中学门口增派上下学护学岗', daysAgo: 9, name: '刘建国', phone: '13907310011',
    content: '城关中学门口早上七点到七点半车辆和学生很多，经常堵在一起，建议上下学时段安排民警或辅警疏导。',
    then: { publish: true, answer: '您好，您反映的情况已转城关派出所和交警大队，自下周一起在上下学高峰时段设护学岗。感谢您的建议。' } },
  { channel: 'message_board', kind: 'consult', title: '外地户口在本县办理居住证需要什么材料', daysAgo: 6, name: '陈晓', phone: '13907310012',
    content: '我是外地户口，在青山县工作半年了，想问办理居住证需要带哪些材料，在哪个窗口办？',
    then: { publish: true, answer: '您好，凭身份证、在本县居住半年以上的证明（租房合同或单位证明）到居住地派出所户籍窗口办理，当场受理，15 个工作日内制证。' } },
  { channel: 'message_board', kind: 'help', title: '人民路夜市散场后噪音扰民', daysAgo: 4, name: '王芳', phone: '13907310013',
    content: '人民路夜市每天凌晨一点后仍有人喝酒喧哗，我的电话 13907310013，住在旁边楼上，已经好几晚睡不好了。',
    then: { publish: true, text: '人民路夜市每天凌晨一点后仍有人喝酒喧哗，住在旁边楼上，已经好几晚睡不好了。',
      answer: '您好，城关派出所已加强夜间巡逻，并约谈夜市管理方，要求零点后停止营业。如仍有扰民，可随时拨打 110。' } },
  { channel: 'message_board', kind: 'suggestion', title: '希望开放日能安排周末场次', daysAgo: 2, name: '赵敏', phone: '13907310014',
    content: '警营开放日很受孩子们欢迎，但都安排在工作日，家长没法带孩子去，希望能增加周末场次。',
    then: { publish: true } },
  { channel: 'message_board', kind: 'complaint', title: '举报邻居张某某的违法行为', daysAgo: 3, name: '孙强', phone: '13907310015',
    content: '隔壁张某某（身份证号在我这）经常半夜吵闹，还骂人，大家都来看看这个人是什么东西。',
    then: { refuse: ['privacy', 'abuse'], note: '请勿在公开留言中点名他人，您反映的问题已转派出所处理' } },
  { channel: 'message_board', kind: 'help', title: '东湖公园附近路灯不亮', daysAgo: 1, name: '周丽', phone: '13907310016',
    content: '东湖公园北门到停车场的一段路灯已经坏了三四天，晚上散步很不安全，请帮忙协调维修。' },
  { channel: 'message_board', kind: 'consult', title: '电动车上牌需要预约吗', daysAgo: 0, name: '吴涛', phone: '13907310017',
    content: '新买的电动自行车要上牌照，是否需要先在网上预约，周末可以办吗？' },
  { channel: 'mailbox', kind: 'suggestion', title: '感谢东湖派出所民警帮助找回走失老人', daysAgo: 8, name: '郑红', phone: '13907310018', consent: true,
    content: '上周我父亲走失，东湖派出所民警连夜查看监控，两个小时就找到了人。特此写信向局长表示感谢。',
    then: { publish: true, answer: '感谢您的来信。我们已将您的感谢转达东湖派出所，并在全局通报表扬。祝老人家身体健康。' } },
  { channel: 'mailbox', kind: 'help', title: '请局长关注农村道路交通安全', daysAgo: 5, name: '黄海', phone: '13907310019', consent: true,
    content: '龙潭乡到县城的公路弯多坡陡，摩托车事故多，建议在急弯处设置警示标志并加强巡查。',
    then: { publish: true, answer: '您好，交警大队已会同公路部门勘查，将在 6 处急弯增设警示标志和减速带，并在节假日加强巡查。' } },
  { channel: 'mailbox', kind: 'complaint', title: '反映窗口办事态度问题', daysAgo: 2, name: '冯刚', phone: '13907310020', consent: false,
    content: '我上周去办理户口迁移，窗口工作人员态度很差，材料一次也没说清楚，跑了三趟。' },
  { channel: 'mailbox', kind: 'consult', title: '无犯罪记录证明怎么开', daysAgo: 0, name: '何静', phone: '13907310021', consent: true,
    content: '单位要求提供无犯罪记录证明，请问在哪里开、需要多长时间？' },
];

async function actorOf(ctx: AppContext, username: string): Promise<Actor> {
  const { rows } = await ctx.db.query<{ id: number; display_name: string; roles: Actor['roles']; unit_id: number; unit_name: string; scope: Actor['unitScope']; jurisdiction_id: number }>(
    `SELECT s.id, s.display_name, s.roles, s.unit_id, u.name AS unit_name, u.scope, u.jurisdiction_id
       FROM staff s JOIN units u ON u.id = s.unit_id WHERE s.username = $1`, [username]);
  const row = rows[0];
  return { staffId: row.id, name: row.display_name, username, roles: row.roles, unitId: row.unit_id, unitName: row.unit_name,
    unitScope: row.scope, unitJurisdictionId: row.jurisdiction_id, csrfToken: '', sessionHash: Buffer.alloc(0) };
}

/**
 * 群众信箱 and 网上留言 in the demo county: letters and posts made, moderated and answered through the services
 * on a simulated clock, so that /board, /mailbox and /console/moderation have content (published with answers,
 * one refused with its reasons, some waiting, one private letter).
 */
export async function seedPosts(ctx: AppContext, now: number, log: (line: string) => void) {
  // The command centre's leader receives portal matters and may moderate (posts.moderate: unit leaders).
  const leader = await actorOf(ctx, 'zhihui_zhou');
  const at = (time: number): AppContext => ({ ...ctx, clock: () => new Date(time) });
  let published = 0;
  for (const plan of PLANS) {
    const postedAt = now - plan.daysAgo * DAY - 3 * 3_600_000;
    const body = { kind: plan.kind, title: plan.title, content: plan.content, contact: { name: plan.name, phone: plan.phone },
      ...(plan.channel === 'mailbox' ? { consent: plan.consent ?? true } : {}) };
    const sent = await submitPost(at(postedAt), plan.channel, body as Parameters<typeof submitPost>[2], undefined);
    const { rows } = await ctx.db.query<{ id: number }>('SELECT id FROM matters WHERE tracking_code = $1', [sent.trackingCode]);
    const id = rows[0].id;
    if (!plan.then) continue;
    const decidedAt = postedAt + 2 * 3_600_000;
    const version = async () => (await ctx.db.query<{ version: number }>(
      'SELECT version FROM public_posts WHERE matter_id = $1', [id])).rows[0].version;
    if ('refuse' in plan.then) {
      await moderate(at(decidedAt), leader, id, { version: await version(), decision: 'refuse', reasons: plan.then.refuse, note: plan.then.note }, 'zh-CN');
      continue;
    }
    await moderate(at(decidedAt), leader, id, { version: await version(), decision: 'approve', ...(plan.then.text ? { text: plan.then.text } : {}) }, 'zh-CN');
    published += 1;
    if (!plan.then.answer) continue;
    const accepted = await matterService.acceptMatter(at(decidedAt + 3_600_000), leader, id, (await matterVersion(ctx, id)));
    await matterService.replyToCitizen(at(decidedAt + DAY), leader, id, { version: accepted.version, text: plan.then.answer });
  }
  log(`群众信箱和网上留言 ${PLANS.length} 件，其中公开 ${published} 件`);
}

async function matterVersion(ctx: AppContext, id: number) {
  return (await ctx.db.query<{ version: number }>('SELECT version FROM matters WHERE id = $1', [id])).rows[0].version;
}
