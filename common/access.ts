/**
 * The one access table: which roles may do what, and how the actor's unit must relate to the matter.
 * The server checks every staff route against it and the access tests are generated from it.
 */
export const ROLES = [
  'clerk', 'call_taker', 'officer', 'unit_leader', 'supervisor', 'leader', 'admin', 'auditor',
  // 警风警纪监督员: an outside person who files observations and sees only their own.
  'conduct_supervisor',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * How an actor relates to a matter:
 * - inScope: the matter lies in a jurisdiction the actor's unit covers (county units cover all);
 * - involved: the actor's unit has held the matter or been sent it (this outlives a transfer);
 * - handler: the actor's unit answers for the matter now (for officers: it is theirs, or unassigned in their unit);
 * - receiver: a pending transfer is addressed to the actor's unit (and, if named, to the actor).
 */
export const RELATIONS = ['inScope', 'involved', 'handler', 'receiver'] as const;
export type Relation = (typeof RELATIONS)[number];

export type Rule = { roles: readonly Role[]; relations: readonly Relation[] };

const CASEWORKERS: Role[] = ['clerk', 'call_taker', 'officer', 'unit_leader'];
const OVERSIGHT: Role[] = ['supervisor', 'leader'];
const SEEING: Relation[] = ['inScope', 'involved'];

export const MATTER_ACCESS = {
  'matter.read': { roles: [...CASEWORKERS, ...OVERSIGHT], relations: SEEING },
  'matter.reveal': { roles: [...CASEWORKERS, ...OVERSIGHT], relations: SEEING },
  'matter.note': { roles: [...CASEWORKERS, ...OVERSIGHT], relations: SEEING },
  // A leader who takes a case himself (包案, 局长接访日) is its handler: he handles it or passes it to a unit.
  'matter.transfer': { roles: [...CASEWORKERS, 'leader'], relations: ['handler'] },
  // A leader takes up what reaches the bureau itself, such as a complaint about a supervision-office member (decision 0015).
  'matter.accept': { roles: ['clerk', 'call_taker', 'officer', 'unit_leader', 'leader'], relations: ['handler'] },
  'matter.acceptTransfer': { roles: CASEWORKERS, relations: ['receiver'] },
  'matter.returnTransfer': { roles: CASEWORKERS, relations: ['receiver'] },
  'matter.handle': { roles: ['officer', 'unit_leader', 'clerk', 'call_taker', 'leader'], relations: ['handler'] },
  'matter.reject': { roles: ['unit_leader'], relations: ['handler'] },
  'matter.extend': { roles: ['unit_leader', 'leader'], relations: ['handler', 'inScope'] },
  'matter.supervise': { roles: OVERSIGHT, relations: SEEING },
} as const satisfies Record<string, Rule>;
export type MatterPermission = keyof typeof MATTER_ACCESS;

/** Actions that concern no single matter. */
export const GENERAL_ACCESS = {
  'matter.register': [...CASEWORKERS],
  'matter.list': [...CASEWORKERS, ...OVERSIGHT],
  'supervision.list': [...OVERSIGHT, 'unit_leader'],
  // Answering a 督办单: only for orders addressed to the actor's unit (and, when one is named, to the actor or
  // their unit leader); that relation is checked against the order in server/modules/matters/supervision.ts.
  'supervision.answer': [...CASEWORKERS],
  'stats.read': [...OVERSIGHT, 'unit_leader'],
  'org.read': [...CASEWORKERS, ...OVERSIGHT, 'admin'],
  'admin.manage': ['admin'],
  // Issue 4's channels. Where a rule also needs the actor's unit (the command centre calls for follow-up,
  // the petition office runs petitions), the module checks that against the unit's kind.
  'followUp.call': ['call_taker', 'unit_leader'],
  'rating.appeal': [...CASEWORKERS],
  'rating.decideAppeal': ['supervisor'],
  'petition.manage': ['clerk', 'unit_leader', 'leader'],
  'reception.manage': ['clerk', 'unit_leader', 'leader'],
  'posts.moderate': ['clerk', 'unit_leader', 'supervisor'],
  'proposal.manage': ['clerk', 'unit_leader', 'leader'],
  // The supervision office links the officers a complaint concerns and records its finding; the bureau's leaders do it
  // for a complaint about a supervision-office member (server/modules/conduct, decision 0015).
  'complaint.manage': ['supervisor', 'leader'],
  // Unsealing a reporter's identity (举报人保密): a unit leader only for a matter their unit handles (checked in conduct).
  'report.unseal': ['supervisor', 'leader', 'unit_leader'],
  'observation.file': ['conduct_supervisor'],
  'audit.read': ['auditor'],
} as const satisfies Record<string, readonly Role[]>;
export type GeneralPermission = keyof typeof GENERAL_ACCESS;

export function mayMatter(roles: readonly Role[], relations: ReadonlySet<Relation>, permission: MatterPermission): boolean {
  const rule: Rule = MATTER_ACCESS[permission];
  return rule.roles.some((role) => roles.includes(role)) && rule.relations.some((relation) => relations.has(relation));
}

/**
 * Which roles an account may hold in a unit of this kind: a conduct supervisor (警风警纪监督员) is an outside person,
 * so that role stands alone and only in an external unit, and an external unit holds nobody else.
 */
export function rolesFitUnit(roles: readonly Role[], unitKind: string): boolean {
  const outside = roles.includes('conduct_supervisor');
  if (outside) return roles.length === 1 && unitKind === 'external';
  return unitKind !== 'external';
}

export function mayGeneral(roles: readonly Role[], permission: GeneralPermission): boolean {
  const allowed: readonly Role[] = GENERAL_ACCESS[permission];
  return allowed.some((role) => roles.includes(role));
}
