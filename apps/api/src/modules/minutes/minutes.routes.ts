/**
 * The minutes of a meeting: read them (a draft generated now, or the frozen approved copy),
 * approve them once the meeting is closed, and download them as a PDF (every download audited).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { meetingIdParamsSchema } from '@fourfold/shared/meetings';
import {
  meetingMinutesSchema,
  minutesPdfQuerySchema,
  minutesPdfSchema,
} from '@fourfold/shared/minutes';
import { problemSchema } from '@fourfold/shared/problem';
import type { DB } from '../../db/schema';
import { requireActor } from '../../lib/access';
import { createMinutesService } from './minutes.service';
import { readProblems } from '../../lib/route-problems';

const tags = ['meetings'];

export const minutesRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB> }> = async (app, { db }) => {
  const service = createMinutesService({ db });

  app.get(
    '/meetings/:id/minutes',
    {
      config: { access: { permission: 'meeting.view' } },
      schema: {
        tags,
        summary: "The meeting's minutes: a draft generated now, or the approved frozen copy",
        params: meetingIdParamsSchema,
        response: { 200: meetingMinutesSchema, ...readProblems },
      },
    },
    async (request) => service.view(requireActor(request), request.params.id),
  );

  app.post(
    '/meetings/:id/minutes/approve',
    {
      // Like every chair-only step: someone who runs no meeting anywhere is answered 404 by the
      // coarse check (plugins/authentication.ts); the service checks this meeting's table.
      config: { access: { permission: 'meeting.run' } },
      schema: {
        tags,
        summary: 'Approve the minutes of a closed meeting, freezing them (meeting.run)',
        description:
          'The meeting must be closed (409 INVALID_TRANSITION otherwise); minutes are approved ' +
          'once (409 MINUTES_ALREADY_APPROVED). Stores the content and its SHA-256.',
        params: meetingIdParamsSchema,
        response: { 200: meetingMinutesSchema, ...readProblems, 409: problemSchema },
      },
    },
    async (request) =>
      service.approve(requireActor(request), request.params.id, { requestId: request.id }),
  );

  app.get(
    '/meetings/:id/minutes.pdf',
    {
      config: { access: { permission: 'meeting.view' } },
      schema: {
        tags,
        summary: 'The minutes as a PDF (audited download)',
        params: meetingIdParamsSchema,
        querystring: minutesPdfQuerySchema,
        response: {
          200: {
            description: 'The minutes as a PDF document.',
            content: { 'application/pdf': { schema: minutesPdfSchema } },
          },
          ...readProblems,
        },
      },
    },
    async (request, reply) => {
      const { fileName, body } = await service.pdf(
        requireActor(request),
        request.params.id,
        request.query.lang,
        { requestId: request.id },
      );
      // A Buffer is sent as it is (no serializer runs); the schema types the answer as the
      // string it documents in OpenAPI, so the type is asserted here.
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(body as unknown as string);
    },
  );
};
