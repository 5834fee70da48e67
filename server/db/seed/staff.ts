import type { Role } from '../../../common/access.js';
import type { Actor } from '../../platform/auth/sessions.js';
import type { Queryable } from '../../platform/db/database.js';

/** One member of staff: username, name, unit code, roles. Police staff get a badge number in seeding order. */
type StaffSpec = { username: string; name: string; unit: string; roles: Role[]; civilian?: boolean };

const station = (unit: string, people: [string, string, Role[]][]): StaffSpec[] =>
  people.map(([username, name, roles]) => ({ username, name, unit, roles }));

export const STAFF: StaffSpec[] = [
  // 局机关
  { username: 'juzhang_chen', name: '陈志刚', unit: 'bureau', roles: ['leader'] },
  { username: 'fujuzhang_liu', name: '刘卫东', unit: 'bureau', roles: ['leader'] },
  { username: 'admin', name: '杨帆', unit: 'bureau', roles: ['admin'] },
  { username: 'auditor', name: '何静', unit: 'bureau', roles: ['auditor'], civilian: true },
  // 指挥中心: the director also takes calls at busy times
  { username: 'zhihui_zhou', name: '周建平', unit: 'command', roles: ['unit_leader', 'call_taker'] },
  { username: 'zhihui01', name: '谭丽', unit: 'command', roles: ['call_taker'] },
  { username: 'zhihui02', name: '易思远', unit: 'command', roles: ['call_taker'] },
  { username: 'zhihui03', name: '罗佳', unit: 'command', roles: ['call_taker'] },
  // 信访科
  { username: 'xinfang_huang', name: '黄国庆', unit: 'petition', roles: ['unit_leader', 'clerk'] },
  { username: 'xinfang01', name: '邓小梅', unit: 'petition', roles: ['clerk'] },
  { username: 'xinfang02', name: '彭俊', unit: 'petition', roles: ['clerk'] },
  // 矛盾纠纷调解中心
  { username: 'tiaojie_wu', name: '吴德华', unit: 'mediation', roles: ['unit_leader', 'officer'] },
  { username: 'tiaojie_tang', name: '唐秀英', unit: 'mediation', roles: ['officer'] },
  // 督察大队: one 督察 also takes on complaints about officers' conduct as their handler
  { username: 'ducha_zhao', name: '赵明', unit: 'supervision', roles: ['supervisor', 'unit_leader'] },
  { username: 'ducha_sun', name: '孙立新', unit: 'supervision', roles: ['supervisor', 'officer'] },
  { username: 'ducha_zhou', name: '周敏', unit: 'supervision', roles: ['supervisor'] },
  // 治安管理大队
  { username: 'zhian_xu', name: '徐海涛', unit: 'public_order', roles: ['unit_leader', 'officer'] },
  { username: 'zhian_ma', name: '马超', unit: 'public_order', roles: ['officer'] },
  // 派出所: 所长 (unit leader and officer), 民警, 户籍窗口
  ...station('station_chengguan', [
    ['chengguan_wang', '王建军', ['unit_leader', 'officer']],
    ['chengguan_zhang', '张伟', ['officer']],
    ['chengguan_li', '李娜', ['officer']],
    ['chengguan_liu', '刘洋', ['officer']],
    ['chengguan_hu', '胡斌', ['officer']],
    ['chengguan_zeng', '曾晓燕', ['clerk']],
  ]),
  ...station('station_donghu', [
    ['donghu_peng', '彭志勇', ['unit_leader', 'officer']],
    ['donghu_liu', '刘强', ['officer']],
    ['donghu_xie', '谢婷', ['officer']],
    ['donghu_long', '龙飞', ['officer']],
    ['donghu_jiang', '蒋丽华', ['clerk']],
  ]),
  ...station('station_xihe', [
    ['xihe_zou', '邹学文', ['unit_leader', 'officer']],
    ['xihe_zhong', '钟平', ['officer']],
    ['xihe_tang', '汤亮', ['officer']],
    ['xihe_tian', '田甜', ['clerk']],
  ]),
  ...station('station_nanqiao', [
    ['nanqiao_guo', '郭勇', ['unit_leader', 'officer']],
    ['nanqiao_liao', '廖军', ['officer']],
    ['nanqiao_duan', '段红梅', ['officer']],
    ['nanqiao_qiu', '邱晨', ['officer']],
    ['nanqiao_he', '贺敏', ['clerk']],
  ]),
  ...station('station_beishan', [
    ['beishan_xiang', '向东', ['unit_leader', 'officer']],
    ['beishan_shi', '石磊', ['officer']],
    ['beishan_cai', '蔡文', ['officer']],
    ['beishan_xiong', '熊丽', ['clerk']],
  ]),
  ...station('station_longtan', [
    ['longtan_mao', '毛建华', ['unit_leader', 'officer']],
    ['longtan_fu', '付强', ['officer']],
    ['longtan_yao', '姚远', ['officer']],
    ['longtan_wan', '万芳', ['clerk']],
  ]),
];

/** Staff as the services see them: an Actor (no HTTP session is involved, so the session fields are dummies). */
export type SeededStaff = Actor & { unitCode: string; unitKind: string };

/**
 * Inserts the staff (one argon2 hash for all: hashing is deliberately slow) and returns every demo
 * member of staff as an actor. A username that is already taken is left as it is.
 */
export async function insertStaff(
  tx: Queryable, unitIds: Map<string, number>, passwordHash: string, times: { createdAt: Date; passwordChangedAt: Date },
): Promise<SeededStaff[]> {
  let badge = 431_201;
  for (const s of STAFF) {
    const unitId = unitIds.get(s.unit);
    if (unitId === undefined) throw new Error(`demo unit ${s.unit} is missing`);
    await tx.query(
      `INSERT INTO staff (username, display_name, badge_no, unit_id, roles, password_hash, password_changed_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (username) DO NOTHING`,
      [s.username, s.name, s.civilian ? null : String(badge++).padStart(6, '0'), unitId, s.roles, passwordHash, times.passwordChangedAt, times.createdAt]);
  }
  const { rows } = await tx.query(
    `SELECT st.id, st.username, st.display_name, st.roles, u.id AS unit_id, u.code AS unit_code, u.kind AS unit_kind,
            u.name AS unit_name, u.scope, u.jurisdiction_id
       FROM staff st JOIN units u ON u.id = st.unit_id WHERE st.username = ANY($1) ORDER BY st.id`,
    [STAFF.map((s) => s.username)]);
  return rows.map((row) => ({
    staffId: row.id, name: row.display_name, username: row.username, roles: row.roles, unitId: row.unit_id,
    unitName: row.unit_name, unitScope: row.scope, unitJurisdictionId: row.jurisdiction_id,
    unitCode: row.unit_code, unitKind: row.unit_kind, csrfToken: 'seed', sessionHash: Buffer.alloc(32),
  }));
}
