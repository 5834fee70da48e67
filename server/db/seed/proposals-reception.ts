import type { AppContext } from '../../app-context.js';
import { matterService } from '../../modules/matters/index.js';
import { contactProposer, registerProposal, replyToProposal, submitCoOpinion } from '../../modules/proposals/index.js';
import { book, matterFromMeeting, publishDay, recordMeeting } from '../../modules/reception/index.js';
import { addDays, shanghaiDate } from '../../platform/calendar/civil-date.js';
import type { SeededStaff } from './staff.js';

/**
 * The demo county's 建议提案 and 局长接访日, made through the services on a clock set to each step's moment: four
 * proposals of this year's sessions (one replied B with a promise, one replied A, one being handled, one overdue
 * and never contacted), a reception day last week with a meeting and the matter the chief took on, and one next
 * week with two bookings.
 */
export async function seedProposalsReception(ctx: AppContext, staff: SeededStaff[], now: number, log: (line: string) => void) {
  const at = (daysAgo: number, hour = 10) => {
    const day = addDays(shanghaiDate(new Date(now)), -daysAgo);
    return new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);
  };
  const when = (instant: Date): AppContext => ({ ...ctx, clock: () => instant });
  const who = (username: string) => {
    const found = staff.find((s) => s.username === username);
    if (!found) throw new Error(`demo staff ${username} is missing`);
    return found;
  };
  const unit = (code: string) => staff.find((s) => s.unitCode === code)!.unitId;
  const office = who('xinfang_huang');
  const version = async (id: number) => Number((await ctx.db.query('SELECT version FROM matters WHERE id = $1', [id])).rows[0].version);

  type Plan = {
    proposerType: 'npc_deputy' | 'cppcc_member'; session: string; number: number; title: string; content: string; name: string; phone: string;
    daysAgo: number; lead: string; leadStaff: string; co?: { unit: string; staff: string; daysAgo: number; opinion: string };
    contact?: number; reply?: { daysAgo: number; replyClass: 'A' | 'B'; text: string; commitment?: string; due?: number };
  };
  const plans: Plan[] = [
    { proposerType: 'npc_deputy', session: '县十八届人大五次会议', number: 12, title: '关于加强中小学校园周边交通秩序管理的建议',
      content: '城关镇几所中小学上下学高峰时段车辆乱停、人车混行，存在安全隐患。建议增派警力，设置临时停车区和护学岗。',
      name: '李建国', phone: '13907301201', daysAgo: 75, lead: 'station_chengguan', leadStaff: 'chengguan_wang',
      co: { unit: 'public_order', staff: 'zhian_xu', daysAgo: 62, opinion: '治安大队同意在上下学时段派员协助城关所，并协调交通部门施划停车位。' },
      contact: 55,
      reply: { daysAgo: 20, replyClass: 'B', text: '已在城关中学、城关小学门口设置护学岗和临时停车区，上下学时段民警、辅警定点疏导。',
        commitment: '协调交通部门在学校周边施划限时停车位', due: 60 } },
    { proposerType: 'npc_deputy', session: '县十八届人大五次会议', number: 27, title: '关于在龙潭乡设立警务室的建议',
      content: '龙潭乡距派出所较远，群众报警求助和办证不便，建议在乡政府附近设立警务室，定期有民警值守。',
      name: '周秀梅', phone: '13907302702', daysAgo: 40, lead: 'station_longtan', leadStaff: 'longtan_mao', contact: 25 },
    { proposerType: 'cppcc_member', session: '县政协十一届五次会议', number: 8, title: '关于加大电信网络诈骗防范宣传的提案',
      content: '近年电信网络诈骗案件多发，老年人受骗比例高。建议公安机关联合社区、银行开展常态化反诈宣传。',
      name: '陈立新', phone: '13907300803', daysAgo: 80, lead: 'public_order', leadStaff: 'zhian_xu',
      co: { unit: 'command', staff: 'zhihui_zhou', daysAgo: 70, opinion: '指挥中心可在接警时对疑似被骗来电即时预警，并提供近一年诈骗警情数据。' },
      contact: 68, reply: { daysAgo: 15, replyClass: 'A', text: '已联合 12 个社区、5 家银行网点开展反诈宣传 40 余场，建立老年人预警劝阻机制。' } },
    { proposerType: 'cppcc_member', session: '县政协十一届五次会议', number: 15, title: '关于规范农村道路摩托车管理的提案',
      content: '农村地区无牌无证摩托车多，不戴头盔现象普遍，事故多发，建议加强宣传和整治。',
      name: '黄志强', phone: '13907301504', daysAgo: 100, lead: 'station_nanqiao', leadStaff: 'nanqiao_guo' },
  ];
  for (const plan of plans) {
    const created = await registerProposal(when(at(plan.daysAgo)), office, {
      proposerType: plan.proposerType, session: plan.session, number: plan.number, title: plan.title, content: plan.content,
      proposer: { name: plan.name, phone: plan.phone }, assignedAt: at(plan.daysAgo, 9).toISOString(), leadUnitId: unit(plan.lead),
      coUnitIds: plan.co ? [unit(plan.co.unit)] : [],
    });
    const lead = who(plan.leadStaff);
    if (plan.co) await submitCoOpinion(when(at(plan.co.daysAgo)), who(plan.co.staff), created.id, plan.co.opinion);
    if (plan.contact === undefined) continue;
    await matterService.acceptMatter(when(at(plan.daysAgo - 1)), lead, created.id, await version(created.id));
    await contactProposer(when(at(plan.contact)), lead, created.id, {
      version: await version(created.id), manner: 'meeting', note: '到代表（委员）所在单位当面沟通办理思路和进度安排。' });
    if (!plan.reply) continue;
    const r = plan.reply;
    await replyToProposal(when(at(r.daysAgo)), lead, created.id, {
      version: await version(created.id), replyClass: r.replyClass, text: r.text,
      ...(r.commitment ? { commitment: r.commitment, commitmentDue: addDays(shanghaiDate(new Date(now)), r.due!) } : {}),
    });
  }

  // 局长接访日: last week's, held, and next week's, open for booking.
  const chief = who('juzhang_chen');
  const clerk = who('xinfang01');
  const place = '县公安局一楼信访接待室';
  const past = addDays(shanghaiDate(new Date(now)), -6);
  const { id: pastDay } = await publishDay(when(at(20)), clerk, {
    leaderId: chief.staffId, day: past, startsAt: '09:00', endsAt: '11:30', slotMinutes: 30, place, topics: '治安管理、道路交通、户政服务' }, '127.0.0.1');
  const visit = await book(when(at(12)), { dayId: pastDay, slotNo: 0, name: '赵大海', phone: '13611112222', subject: '小区旁工地夜间施工扰民，多次反映未解决' });
  await book(when(at(10)), { dayId: pastDay, slotNo: 2, name: '钱小红', phone: '13611113333', subject: '咨询随迁子女户口迁入的办理条件' });
  const { rows } = await ctx.db.query<{ id: number }>('SELECT id FROM reception_bookings WHERE code = $1', [visit.code]);
  const onTheDay = when(new Date(`${past}T09:40:00+08:00`));
  await recordMeeting(onTheDay, chief, rows[0].id, {
    attended: true, attendees: '赵大海及其妻子', raised: '小区旁工地夜间施工扰民，多次拨打电话反映未解决。', decision: '由城关派出所会同治安大队三日内核查，依法处理并向来访人反馈。' });
  await matterFromMeeting(onTheDay, chief, rows[0].id, { kind: 'complaint', content: '锦绣华庭小区旁工地夜间施工扰民，局长接访时交办核查处理。' });

  const next = addDays(shanghaiDate(new Date(now)), 7);
  const { id: nextDay } = await publishDay(when(at(2)), clerk, {
    leaderId: chief.staffId, day: next, startsAt: '09:00', endsAt: '11:30', slotMinutes: 30, place, topics: '群众反映的治安热点问题' }, '127.0.0.1');
  await book(when(at(1)), { dayId: nextDay, slotNo: 1, name: '孙丽', phone: '13611114444', subject: '夜市周边停车难、噪音扰民问题' });
  await book(when(at(0, 9)), { dayId: nextDay, slotNo: 3, name: '李强', phone: '13611115555', subject: '反映邻里纠纷调解后仍未解决' });
  log(`已建立 ${plans.length} 件建议提案、2 个局长接访日（含接访记录和由此登记的事项）`);
}
