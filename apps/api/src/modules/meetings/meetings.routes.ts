/**
 * The weekly meeting API: scheduling and listing a table's meetings, the home page's meetings,
 * one meeting (its ETag is the meeting's version), its status, attendance, agenda and current
 * item, and the situation steps taken in the room. The live event stream has its own routes.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { tableIdParamsSchema } from '@fourfold/shared/agreements';
import {
  agendaOrderRequestSchema,
  attendanceRequestSchema,
  currentItemRequestSchema,
  meetingDecisionRequestSchema,
  meetingDetailSchema,
  meetingIdParamsSchema,
  meetingListSchema,
  meetingSituationParamsSchema,
  myMeetingsQuerySchema,
  rescheduleMeetingRequestSchema,
  scheduleMeetingRequestSchema,
  tableMeetingsQuerySchema,
  type MeetingDetail,
} from '@fourfold/shared/meetings';
import {
  assignmentRequestSchema,
  closeRequestSchema,
  involvementRequestSchema,
  situationSchema,
  type Situation,
} from '@fourfold/shared/situations';
import { requireActor } from '../../lib/access';
import { etagOf } from '../../lib/if-match';
import type { MeetingRoomService } from './meeting-room.service';
import type { MeetingsService, MeetingWriteContext } from './meetings.service';
import { readProblems, writeProblems } from '../../lib/route-problems';

export type MeetingsRoutesOptions = { meetings: MeetingsService; room: MeetingRoomService };

const tags = ['meetings'];

const IF_MATCH =
  'Needs `If-Match` with the ETag of the meeting (its version): 428 without it, 412 when the ' +
  'meeting changed since. Answers with the meeting and its new ETag.';
const IN_ROOM =
  'The situation step of the same name, taken in the room: the meeting must be open (409 ' +
  'MEETING_NOT_OPEN) and have the situation on its agenda (404); `If-Match` carries the ' +
  "SITUATION's ETag. The step is stamped with the meeting (its decisions) in the same transaction.";

const writeContext = (request: FastifyRequest): MeetingWriteContext => ({
  requestId: request.id,
  ifMatch: request.headers['if-match'],
});

function withEtag<T extends MeetingDetail | Situation>(reply: FastifyReply, body: T): T {
  reply.header('etag', etagOf(body.version));
  return body;
}

export const meetingsRoutes: FastifyPluginAsyncZod<MeetingsRoutesOptions> = async (
  app,
  { meetings, room },
) => {
  app.get(
    '/tables/:tableId/meetings',
    {
      config: { access: { permission: 'meeting.view' } },
      schema: {
        tags,
        summary: "The table's meetings: upcoming (soonest first) or past (latest first)",
        description:
          'Upcoming: scheduled and open meetings; past: closed and cancelled ones. Pass ' +
          '`nextCursor` as `cursor` for the next page.',
        params: tableIdParamsSchema,
        querystring: tableMeetingsQuerySchema,
        response: { 200: meetingListSchema, ...readProblems },
      },
    },
    async (request) =>
      meetings.listForTable(requireActor(request), request.params.tableId, request.query),
  );

  app.post(
    '/tables/:tableId/meetings',
    {
      config: { access: { permission: 'meeting.run' } },
      schema: {
        tags,
        summary: 'Schedule a one-off meeting, or the next weekly ones (coordinator)',
        description:
          'Weekly meetings fall on the table’s meeting day and time in its time zone, skipping ' +
          'days that already have a meeting (422 TABLE_HAS_NO_MEETING_DAY when unset). A one-off ' +
          'meeting may be at most a day in the past and two years ahead. Answers with the ' +
          'meetings created.',
        params: tableIdParamsSchema,
        body: scheduleMeetingRequestSchema,
        response: { 201: meetingListSchema, ...writeProblems },
      },
    },
    async (request, reply) => {
      const created = await meetings.schedule(
        requireActor(request),
        request.params.tableId,
        request.body,
        writeContext(request),
      );
      reply.code(201);
      return created;
    },
  );

  app.get(
    '/meetings',
    {
      config: { access: { permission: 'meeting.view' } },
      schema: {
        tags,
        summary: 'Scheduled and open meetings of your tables, soonest first (home page)',
        description:
          'Between `from` and `to` (default: 12 hours ago to 14 days ahead; at most 92 days).',
        querystring: myMeetingsQuerySchema,
        response: { 200: meetingListSchema, ...readProblems },
      },
    },
    async (request) => meetings.listMine(requireActor(request), request.query),
  );

  app.get(
    '/meetings/:id',
    {
      config: { access: { permission: 'meeting.view' } },
      schema: {
        tags,
        summary: 'A meeting with its attendance and agenda (with its version as ETag)',
        description:
          'An agenda item you may not open shows as restricted: its reference and stage only.',
        params: meetingIdParamsSchema,
        response: { 200: meetingDetailSchema, ...readProblems },
      },
    },
    async (request, reply) =>
      withEtag(reply, await meetings.get(requireActor(request), request.params.id)),
  );

  app.patch(
    '/meetings/:id',
    {
      config: { access: { permission: 'meeting.run' } },
      schema: {
        tags,
        summary: 'Move a scheduled meeting (coordinator)',
        description: IF_MATCH,
        params: meetingIdParamsSchema,
        body: rescheduleMeetingRequestSchema,
        response: { 200: meetingDetailSchema, ...writeProblems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await meetings.reschedule(
          requireActor(request),
          request.params.id,
          request.body.scheduledFor,
          writeContext(request),
        ),
      ),
  );

  const statusChanges = [
    ['cancel', 'Cancel a scheduled meeting (coordinator)', ''],
    [
      'open',
      'Open a scheduled meeting and build its agenda (coordinator)',
      ' One meeting per table may be open (409 MEETING_ALREADY_OPEN).',
    ],
    ['close', 'Close the open meeting (coordinator)', ''],
  ] as const;
  for (const [action, summary, more] of statusChanges) {
    app.post(
      `/meetings/:id/${action}`,
      {
        config: { access: { permission: 'meeting.run' } },
        schema: {
          tags,
          summary,
          description: `${IF_MATCH}${more}`,
          params: meetingIdParamsSchema,
          response: { 200: meetingDetailSchema, ...writeProblems },
        },
      },
      async (request, reply) =>
        withEtag(
          reply,
          await meetings[action](requireActor(request), request.params.id, writeContext(request)),
        ),
    );
  }

  app.put(
    '/meetings/:id/attendance',
    {
      config: { access: { permission: 'meeting.run' } },
      schema: {
        tags,
        summary: 'Record the whole attendance (coordinator; meeting scheduled or open)',
        description:
          'Member agencies only, each once; a representative only for an agency present, and ' +
          'one of its `candidates`.',
        params: meetingIdParamsSchema,
        body: attendanceRequestSchema,
        response: { 200: meetingDetailSchema, ...writeProblems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await meetings.recordAttendance(
          requireActor(request),
          request.params.id,
          request.body,
          writeContext(request),
        ),
      ),
  );

  app.put(
    '/meetings/:id/agenda',
    {
      config: { access: { permission: 'meeting.run' } },
      schema: {
        tags,
        summary: 'Reorder the agenda of the open meeting (coordinator)',
        description: `${IF_MATCH} \`itemIds\` must be exactly the current items (422 otherwise).`,
        params: meetingIdParamsSchema,
        body: agendaOrderRequestSchema,
        response: { 200: meetingDetailSchema, ...writeProblems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await meetings.reorderAgenda(
          requireActor(request),
          request.params.id,
          request.body.itemIds,
          writeContext(request),
        ),
      ),
  );

  app.post(
    '/meetings/:id/agenda/refresh',
    {
      config: { access: { permission: 'meeting.run' } },
      schema: {
        tags,
        summary: 'Add situations that became eligible since the opening (coordinator)',
        description: 'Each goes at the end of its section.',
        params: meetingIdParamsSchema,
        response: { 200: meetingDetailSchema, ...writeProblems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await meetings.refreshAgenda(
          requireActor(request),
          request.params.id,
          writeContext(request),
        ),
      ),
  );

  app.put(
    '/meetings/:id/current-item',
    {
      config: { access: { permission: 'meeting.run' } },
      schema: {
        tags,
        summary: 'Set the agenda item the room is on (coordinator; meeting open)',
        params: meetingIdParamsSchema,
        body: currentItemRequestSchema,
        response: { 200: meetingDetailSchema, ...writeProblems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await meetings.setCurrentItem(
          requireActor(request),
          request.params.id,
          request.body.itemId,
          writeContext(request),
        ),
      ),
  );

  // --- Steps taken in the room ----------------------------------------------------------------

  app.post(
    '/meetings/:id/situations/:situationId/decision',
    {
      config: { access: { permission: 'situation.decide' } },
      schema: {
        tags,
        summary: "The table's filter-2 decision, in the room (coordinator)",
        description: `${IN_ROOM} The agencies present are the meeting's attendance (422 ATTENDANCE_REQUIRED before any is present).`,
        params: meetingSituationParamsSchema,
        body: meetingDecisionRequestSchema,
        response: { 200: situationSchema, ...writeProblems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await room.decide(
          requireActor(request),
          request.params.id,
          request.params.situationId,
          request.body,
          writeContext(request),
        ),
      ),
  );

  app.post(
    '/meetings/:id/situations/:situationId/involvement',
    {
      config: { access: { permission: 'situation.declareInvolvement' } },
      schema: {
        tags,
        summary: 'Say in the room whether your agency already works with the person (filter 3)',
        description: IN_ROOM,
        params: meetingSituationParamsSchema,
        body: involvementRequestSchema,
        response: { 200: situationSchema, ...writeProblems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await room.declareInvolvement(
          requireActor(request),
          request.params.id,
          request.params.situationId,
          request.body.involved,
          writeContext(request),
        ),
      ),
  );

  app.post(
    '/meetings/:id/situations/:situationId/assignment',
    {
      config: { access: { permission: 'situation.assign' } },
      schema: {
        tags,
        summary: 'Name the lead and assisting agencies in the room (coordinator)',
        description: IN_ROOM,
        params: meetingSituationParamsSchema,
        body: assignmentRequestSchema,
        response: { 200: situationSchema, ...writeProblems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await room.assign(
          requireActor(request),
          request.params.id,
          request.params.situationId,
          request.body,
          writeContext(request),
        ),
      ),
  );

  app.post(
    '/meetings/:id/situations/:situationId/conclusion',
    {
      config: { access: { permission: 'situation.close' } },
      schema: {
        tags,
        summary: 'Conclude the situation in the room (coordinator)',
        description: IN_ROOM,
        params: meetingSituationParamsSchema,
        body: closeRequestSchema,
        response: { 200: situationSchema, ...writeProblems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await room.conclude(
          requireActor(request),
          request.params.id,
          request.params.situationId,
          request.body,
          writeContext(request),
        ),
      ),
  );
};
