import type { AppContext } from '../../app-context.js';
import { AppError } from '../../platform/http/errors.js';

/**
 * How complaints (投诉) and reports (举报) enter (decision 0015): who receives them and what the form must carry.
 * One about officers (the citizen says so, or names one) goes to the supervision office whatever the area or map
 * point, and belongs to the county rather than to a station's area: a station's staff see every matter of their
 * area, and would otherwise see a complaint about one of them before the office links the officer. A complaint
 * about anything else (noise, a neighbour) is routed like any other matter.
 */

type Intake = { kind: string; contact?: unknown; anonymous?: boolean; aboutOfficer?: boolean; namedOfficer?: string };

const CONDUCT_KINDS = new Set(['complaint', 'report']);

export function goesToSupervision(body: Pick<Intake, 'kind' | 'aboutOfficer' | 'namedOfficer'>): boolean {
  return CONDUCT_KINDS.has(body.kind) && (body.aboutOfficer === true || (body.namedOfficer ?? '').trim() !== '');
}

/**
 * The contact is required except for an anonymous report (举报 may be anonymous; nothing else may, so that the
 * citizen can be answered and called back); the officer's name belongs to complaints and reports only.
 */
export function checkIntake(body: Intake) {
  const fields: { path: string; zh: string; en: string }[] = [];
  if (body.anonymous && body.kind !== 'report') {
    fields.push({ path: 'anonymous', zh: '只有举报可以匿名提交', en: 'Only a report may be anonymous' });
  } else if (body.anonymous && body.contact !== undefined) {
    fields.push({ path: 'contact', zh: '匿名举报不填写联系人信息', en: 'An anonymous report carries no contact details' });
  } else if (!body.anonymous && body.contact === undefined) {
    fields.push({ path: 'contact', zh: '请填写联系人姓名和联系电话', en: 'Give a contact name and phone number' });
  }
  if (body.namedOfficer !== undefined && !CONDUCT_KINDS.has(body.kind)) {
    fields.push({ path: 'namedOfficer', zh: '只有投诉、举报可以填写涉及的民警', en: 'Only a complaint or a report names an officer' });
  }
  if (body.aboutOfficer && !CONDUCT_KINDS.has(body.kind)) {
    fields.push({ path: 'aboutOfficer', zh: '只有投诉、举报可以针对民警', en: 'Only a complaint or a report can be about an officer' });
  }
  if (fields.length > 0) throw new AppError('VALIDATION_FAILED', {}, fields);
}

/** The supervision office (督察), which receives and handles complaints about officers. */
export async function supervisionOffice(ctx: AppContext) {
  const office = (await ctx.org.units()).find((u) => u.active && u.kind === 'supervision_office');
  if (!office) throw new Error('no active supervision office receives complaints');
  return office;
}

/** What the first event records of the citizen's own words about the officer, and whether they left no contact. */
export function intakePayload(body: Intake) {
  return {
    ...(goesToSupervision(body) ? { aboutOfficer: true } : {}),
    ...(body.namedOfficer?.trim() ? { namedOfficer: body.namedOfficer.trim() } : {}),
    ...(body.anonymous ? { anonymous: true } : {}),
  };
}
