import type { AppContext } from '../../app-context.js';
import { petitionService } from '../../modules/petitions/index.js';
import { addDays, shanghaiDate } from '../../platform/calendar/civil-date.js';
import type { SeededStaff } from './staff.js';

/**
 * The demo county's 信访 under the procedure, made through the petition services on a clock set to each step: a
 * letter answered and now under 复查, a group visit being handled and extended, a letter answered with a return
 * visit that settled it, a repeat linked to it, and a fresh online petition. The other demo petitions (made by the
 * generic matter history) get their petition record from the backfill below, as an upgraded database does.
 */
export async function seedPetitions(ctx: AppContext, staff: SeededStaff[], now: number, log: (line: string) => void) {
  // Petitions the generic demo history made before this procedure existed: their record, as migration 0007 does it.
  await ctx.db.query(
    `INSERT INTO petitions (jurisdiction_id, matter_id, form, request, facts, reasons)
     SELECT m.jurisdiction_id, m.id, CASE m.channel WHEN 'letter' THEN 'letter' WHEN 'portal' THEN 'online' ELSE 'visit' END,
            left(m.content, 2000), left(m.content, 5000), '（登记时未单列理由）'
       FROM matters m WHERE m.kind_code = 'petition'
        AND NOT EXISTS (SELECT 1 FROM petitions p WHERE p.jurisdiction_id = m.jurisdiction_id AND p.matter_id = m.id)`);
  const at = (daysAgo: number, hour = 10) => new Date(`${addDays(shanghaiDate(new Date(now)), -daysAgo)}T${String(hour).padStart(2, '0')}:00:00+08:00`);
  const when = (daysAgo: number, hour = 10): AppContext => ({ ...ctx, clock: () => at(daysAgo, hour) });
  const who = (username: string) => {
    const found = staff.find((s) => s.username === username);
    if (!found) throw new Error(`demo staff ${username} is missing`);
    return found;
  };
  const clerk = who('xinfang01');
  const lead = who('xinfang_huang');
  const version = async (id: number) => Number((await ctx.db.query('SELECT version FROM matters WHERE id = $1', [id])).rows[0].version);
  const opinion = { result: 'explain' as const, basis: '《中华人民共和国治安管理处罚法》第九条' };

  // 1. A letter, accepted, answered, and now under 复查 at the petitioner's request.
  const letter = await petitionService.registerPetition(when(50), clerk, {
    form: 'letter', receivedAt: at(52).toISOString(),
    petitioner: { name: '吴德明', address: '青山县城关镇解放路 27 号', phone: '13907311001' },
    request: '请求追究邻居殴打本人的责任并赔偿医药费', facts: '今年春节前与邻居因排水沟发生争执，被对方推倒受伤，派出所调解未果。',
    reasons: '对方至今未赔偿，调解处理不公。',
  });
  await petitionService.decideAcceptance(when(48), clerk, letter.id, { version: await version(letter.id), decision: 'accept', reasons: '属于公安机关职责范围，依法受理。' });
  await petitionService.giveOpinion(when(20), clerk, letter.id, { version: await version(letter.id), ...opinion,
    opinion: '经调查，双方系邻里纠纷引发的轻微伤害，已依法调解并告知可就赔偿向人民法院起诉。' });
  await petitionService.requestReview(when(10), letter.trackingCode, '调解时对方未到场，申请复查。');

  // 2. A group visit of 23 villagers with 3 representatives, being handled, with the one extension approved.
  const group = await petitionService.registerPetition(when(70), clerk, {
    form: 'group_visit', receivedAt: at(70).toISOString(), groupSize: 23, representatives: ['张长顺', '李桂兰', '王有福'],
    petitioner: { name: '张长顺', address: '青山县龙潭乡石桥村 3 组', phone: '13907312002' },
    request: '请求查处村口砂石场夜间运输车辆超载扰民', facts: '砂石场运输车辆夜间频繁经过村道，超载、噪声大，已压坏村道。', reasons: '影响村民休息和出行安全。',
  });
  await petitionService.decideAcceptance(when(66), lead, group.id, { version: await version(group.id), decision: 'accept', reasons: '涉及交通、治安管理，依法受理。' });
  await petitionService.extendPetition(when(8), lead, group.id, { version: await version(group.id), reason: '需会同交通、自然资源部门联合调查。' });

  // 3. A letter answered, with a return visit that settled it (息诉罢访), and a repeat by the same person linked to it.
  const answered = await petitionService.registerPetition(when(40), clerk, {
    form: 'visit', receivedAt: at(40).toISOString(),
    petitioner: { name: '郑春花', address: '青山县东湖镇湖滨路 9 号', phone: '13907313003' },
    request: '请求尽快办理儿子户口迁入', facts: '儿子大学毕业回乡，申请户口迁回已两个月未办好。', reasons: '影响就业和社保办理。',
  });
  await petitionService.decideAcceptance(when(39), clerk, answered.id, { version: await version(answered.id), decision: 'accept', reasons: '属于户籍管理事项，依法受理。' });
  const repeat = await petitionService.registerPetition(when(35), clerk, {
    form: 'letter', receivedAt: at(36).toISOString(),
    petitioner: { name: '郑春花', address: '青山县东湖镇湖滨路 9 号', phone: '13907313003' },
    request: '再次请求办理儿子户口迁入', facts: '此前已来访反映，至今未办好。', reasons: '影响就业。', repeatOf: answered.id,
  });

  await petitionService.giveOpinion(when(30), clerk, answered.id, { version: await version(answered.id), result: 'support',
    basis: '《中华人民共和国户口登记条例》第十条', opinion: '经核查，材料齐全，已督促东湖派出所于 3 个工作日内办结户口迁入。' });
  const visit = await petitionService.planVisit(when(29), clerk, answered.id, { plannedFor: addDays(shanghaiDate(at(25)), 0), visitors: '邓小梅、东湖派出所户籍民警' });
  await petitionService.recordVisit(when(25), clerk, answered.id, visit.value.visitId, {
    visitedBy: '邓小梅、东湖派出所户籍民警', findings: '户口已迁入，信访人表示满意，不再上访。', attitude: 'satisfied', settled: true,
  });
  // 4. A fresh online petition, waiting for the acceptance decision.
  await petitionService.submitOnline(when(2, 21), {
    petitioner: { name: '钱晓光', address: '青山县城关镇新华街 15 号', phone: '13907314004' },
    request: '请求查处小区内无证电动车充电经营', facts: '小区地下室有人私拉电线为电动车收费充电，多次向物业反映无果。', reasons: '存在严重火灾隐患。',
  }, undefined);
  log(`信访：5 件（复查中 ${letter.caseNo}、多人走访 ${group.caseNo}、带案回访 ${answered.caseNo}、重复件 ${repeat.caseNo}、网上信访 1 件）`);
}
