/**
 * GET /api/meetings/:id/events: the meeting's live view as server-sent events (see
 * meeting-stream.service.ts). Everything that can refuse the stream is decided before the reply is
 * hijacked, so refusals are ordinary problem+json answers; from then on the stream is written by
 * hand: `retry:`, then `id:` / `event:` / `data:` per event, heartbeat comments, and `event: end`.
 */
import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { meetingEventSchema, meetingIdParamsSchema } from '@fourfold/shared/meetings';
import {
  LAST_EVENT_ID_HEADER,
  meetingStreamEndSchema,
  meetingStreamHeadersSchema,
} from '@fourfold/shared/meeting-stream';
import { problemSchema } from '@fourfold/shared/problem';
import type { DatabaseHandle } from '../../db/database';
import { requireActor } from '../../lib/access';
import type { AuthService } from '../auth/auth.service';
import { createMeetingStreams, type MeetingStreamLimits } from './meeting-stream.service';

export type MeetingStreamRoutesOptions = {
  database: DatabaseHandle;
  authService: Pick<AuthService, 'actorFor' | 'currentActorFor'>;
  limits?: Partial<MeetingStreamLimits>;
};

/** What the stream carries, for the OpenAPI document: one of these per `data:` line. */
const streamMessageSchema = z.union([meetingEventSchema, meetingStreamEndSchema]);

export const meetingStreamRoutes: FastifyPluginAsyncZod<MeetingStreamRoutesOptions> = async (
  app,
  { database, authService, limits },
) => {
  const streams = createMeetingStreams({
    database,
    authService,
    log: app.log.child({ module: 'meeting-stream' }),
    limits,
  });
  // preClose, not onClose: the server waits for open connections before onClose hooks run, and a
  // stream's connection stays open until the stream ends.
  app.addHook('preClose', async () => streams.close());

  app.get(
    '/meetings/:id/events',
    {
      config: { access: { permission: 'meeting.view' } },
      schema: {
        tags: ['meetings'],
        summary: 'Follow a meeting live (server-sent events)',
        description:
          'Sends `retry: 2000`, then one `event: meeting` per change with `id:` its sequence ' +
          'number and `data:` a MeetingEvent (ids only: re-read the meeting through the API). ' +
          'Send `Last-Event-ID` to receive what you missed. Ends with `event: end` and a ' +
          'MeetingStreamEnd (`session_ended`: renew the token and reconnect; `access_changed`, ' +
          '`meeting_hidden`: do not reconnect). 429 past 5 streams per person.',
        params: meetingIdParamsSchema,
        headers: meetingStreamHeadersSchema,
        response: {
          200: {
            description: 'A text/event-stream that lasts until the session or the access ends.',
            content: { 'text/event-stream': { schema: streamMessageSchema } },
          },
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
          429: problemSchema,
          503: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const stream = await streams.open({
        actor,
        claims: request.user,
        expiresAt: (request.user as { exp?: number }).exp ?? 0,
        meetingId: request.params.id,
        lastEventId: request.headers[LAST_EVENT_ID_HEADER],
      });
      // Headers set so far (security headers, the request id) go out with the stream.
      const headers: OutgoingHttpHeaders = {
        ...(reply.getHeaders() as OutgoingHttpHeaders),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        // Proxies (nginx) must pass each event on at once instead of buffering the response.
        'x-accel-buffering': 'no',
        connection: 'keep-alive',
      };
      reply.hijack();
      const raw = reply.raw;
      // Listening before writing: a client gone by now still frees its place.
      request.raw.on('close', () => stream.dispose());
      raw.on('close', () => stream.dispose());
      if (raw.destroyed) {
        stream.dispose();
        return;
      }
      raw.writeHead(200, headers);
      raw.flushHeaders();
      stream.start(raw);
      request.log.info({ route: request.routeOptions.url, status: 200 }, 'stream opened');
    },
  );
};
