import { MATTER_ACCESS, mayMatter, type MatterPermission, type Relation } from '../../../common/access.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { AppError } from '../../platform/http/errors.js';
import type { MatterRow } from './matters.repo.js';
import { isRecused, notRecusedCondition } from './recusal.js';

/**
 * How the actor's unit relates to this matter (see common/access.ts). Someone recused from it (recusal.ts: an
 * officer a complaint concerns, or their chain of command) has no relation at all, whatever their unit or role.
 */
export function relationsOf(actor: Actor, matter: MatterRow): Set<Relation> {
  const relations = new Set<Relation>();
  if (isRecused(actor, matter)) return relations;
  const leads = actor.roles.includes('unit_leader');
  if (actor.unitScope === 'county' || actor.unitJurisdictionId === matter.jurisdiction_id) relations.add('inScope');
  // The first receiving unit keeps sight of the matter for good (首问负责制); others once sent it.
  if (matter.first_unit_id === actor.unitId || matter.involved_units.includes(actor.unitId)) relations.add('involved');
  if (matter.handler_unit_id === actor.unitId && (matter.handler_officer_id === null || matter.handler_officer_id === actor.staffId || leads)) {
    relations.add('handler');
  }
  if (matter.transfer_to_unit_id === actor.unitId &&
      (matter.transfer_to_officer_id === null || matter.transfer_to_officer_id === actor.staffId || leads)) {
    relations.add('receiver');
  }
  return relations;
}

/**
 * Someone who may not see the matter gets 404, as if it did not exist, so ids cannot be probed;
 * someone who may see it but not do this gets 403.
 */
export function assertMay(actor: Actor, matter: MatterRow | undefined, permission: MatterPermission): asserts matter is MatterRow {
  if (!matter) throw new AppError('MATTER_NOT_FOUND');
  const relations = relationsOf(actor, matter);
  if (!mayMatter(actor.roles, relations, 'matter.read')) throw new AppError('MATTER_NOT_FOUND');
  if (!mayMatter(actor.roles, relations, permission)) {
    // Say why when the role would do but the matter is someone else's to act on.
    const rule: { roles: readonly string[]; relations: readonly Relation[] } = MATTER_ACCESS[permission];
    const roleAllowed = rule.roles.some((role) => actor.roles.includes(role as Actor['roles'][number]));
    if (roleAllowed && rule.relations.includes('handler')) throw new AppError('NOT_YOUR_MATTER');
    if (roleAllowed && rule.relations.includes('receiver')) throw new AppError('TRANSFER_NOT_FOR_YOU');
    throw new AppError('FORBIDDEN');
  }
}

/**
 * The SQL condition for the matters an actor may list, on the alias m; `param` binds a value and returns its placeholder.
 * Lists, counts, exports, the workbench and the dashboard all use it, so recusal holds in each of them.
 */
export function visibleMattersCondition(actor: Actor, param: (value: unknown) => string): string {
  const notRecused = notRecusedCondition(actor, param);
  if (actor.unitScope === 'county') return notRecused;
  const unit = param(actor.unitId);
  return `((m.jurisdiction_id = ${param(actor.unitJurisdictionId)} OR m.first_unit_id = ${unit} OR EXISTS (SELECT 1 FROM matter_units mu
            WHERE mu.jurisdiction_id = m.jurisdiction_id AND mu.matter_id = m.id AND mu.unit_id = ${unit})) AND ${notRecused})`;
}
