import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  BookingBody, BookingCodeParams, Leaders, MeetingBody, MeetingMatterBody, PublicBooking, PublicReceptionDay, ReceptionDayBody, StaffBooking,
  StaffReceptionDay,
} from '../../../common/contracts/reception.js';
import { ErrorResponse, Id } from '../../../common/contracts/shared.js';
import type { AppContext } from '../../app-context.js';
import { authenticate, requirePermission } from '../../platform/auth/guard.js';
import * as service from './reception.service.js';

const errors = { 400: ErrorResponse(), 401: ErrorResponse(), 403: ErrorResponse(), 404: ErrorResponse(), 409: ErrorResponse(), 429: ErrorResponse() };
const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
type Params = { id: number };

/** The public's side: the schedule, booking a slot, looking a booking up and cancelling it with its code. */
export async function portalReceptionRoutes(app: FastifyInstance, ctx: AppContext) {
  const tags = ['portal'];
  const readLimit = { rateLimit: { max: ctx.rateLimits.portalReadPerMinute, timeWindow: 60_000 } };

  app.get('/api/v1/portal/reception/days', {
    schema: { tags, summary: '局长接访日安排（今天起，含各时段是否可约）', response: { 200: Type.Array(PublicReceptionDay), ...errors } },
    config: readLimit,
  }, async () => service.publicDays(ctx));

  app.post('/api/v1/portal/reception/bookings', {
    schema: { tags, summary: '预约接访时段（每个手机号每天一次；预约码以短信发送）', body: BookingBody,
      response: { 201: Type.Object({ code: Type.String(), day: Type.String(), slotStartsAt: Type.String(), leaderName: Type.String(), place: Type.String() }), ...errors } },
    // Booking is a write the public can repeat: held to the submission limit.
    config: { rateLimit: { max: ctx.rateLimits.portalSubmitPerMinute, timeWindow: 60_000 } },
  }, async (request, reply) => reply.code(201).send(await service.book(ctx, request.body as BookingBody)));

  app.get('/api/v1/portal/reception/bookings/:code', {
    schema: { tags, summary: '凭预约码查看预约', params: BookingCodeParams, response: { 200: PublicBooking, ...errors } },
    config: readLimit,
  }, async (request) => service.publicBooking(ctx, (request.params as { code: string }).code));

  app.post('/api/v1/portal/reception/bookings/:code/cancel', {
    schema: { tags, summary: '凭预约码取消预约（接访开始前）', params: BookingCodeParams, response: { 204: Type.Null(), ...errors } },
    config: readLimit,
  }, async (request, reply) => {
    await service.cancelBooking(ctx, (request.params as { code: string }).code);
    return reply.code(204).send();
  });
}

export async function staffReceptionRoutes(app: FastifyInstance, ctx: AppContext) {
  app.addHook('preHandler', authenticate(ctx.db, ctx.clock));
  app.addHook('preHandler', requirePermission('reception.manage'));
  const tags = ['staff: reception'];

  app.get('/api/v1/staff/reception/days', {
    schema: { tags, summary: '接访日安排（近 60 天起）及预约数', response: { 200: Type.Array(StaffReceptionDay), ...errors } },
  }, async (request) => service.staffDays(ctx, request.actor));

  app.get('/api/v1/staff/reception/leaders', {
    schema: { tags, summary: '可安排接访的局领导', response: { 200: Leaders, ...errors } },
  }, async () => service.leaders(ctx));

  app.post('/api/v1/staff/reception/days', {
    schema: { tags, summary: '发布接访日（信访部门或局领导）', body: ReceptionDayBody, response: { 201: Type.Object({ id: Type.Integer() }), ...errors } },
  }, async (request, reply) => reply.code(201).send(await service.publishDay(ctx, request.actor, request.body as ReceptionDayBody, request.ip)));

  app.get('/api/v1/staff/reception/days/:id/bookings', {
    schema: { tags, summary: '接访日的预约和接访记录（个人信息脱敏）', params: IdParams, response: { 200: Type.Array(StaffBooking), ...errors } },
  }, async (request) => service.dayBookings(ctx, request.actor, (request.params as Params).id));

  app.post('/api/v1/staff/reception/bookings/:id/meeting', {
    schema: { tags, summary: '记录接访情况（到场人员、反映问题、领导意见）', params: IdParams, body: MeetingBody, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await service.recordMeeting(ctx, request.actor, (request.params as Params).id, request.body as MeetingBody);
    return reply.code(204).send();
  });

  app.post('/api/v1/staff/reception/bookings/:id/matters', {
    schema: { tags, summary: '由接访登记事项（接访领导包案：首问和承办人均为该领导）', params: IdParams, body: MeetingMatterBody,
      response: { 201: Type.Object({ id: Type.Integer(), caseNo: Type.String(), trackingCode: Type.String() }), ...errors } },
  }, async (request, reply) => reply.code(201).send(await service.matterFromMeeting(ctx, request.actor, (request.params as Params).id, request.body as MeetingMatterBody)));
}
