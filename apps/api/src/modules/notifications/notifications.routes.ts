/**
 * /api/notifications: the signed-in person's own notifications, their unread count, and marking
 * them read. Every signed-in person has some (or none); someone else's answers 404 like a missing one.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  notificationIdParamsSchema,
  notificationListQuerySchema,
  notificationListSchema,
  unreadCountSchema,
} from '@fourfold/shared/notifications';
import { problemSchema } from '@fourfold/shared/problem';
import { requireActor } from '../../lib/access';
import type { NotificationsContext, NotificationsService } from './notifications.service';

const tags = ['notifications'];

const context = (request: FastifyRequest): NotificationsContext => ({
  actor: requireActor(request),
  requestId: request.id,
});

export const notificationsRoutes: FastifyPluginAsyncZod<{ service: NotificationsService }> = async (
  app,
  { service },
) => {
  app.get(
    '/notifications',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Your notifications, newest first, with your unread count',
        description:
          'Keyset pagination: pass `nextCursor` as `cursor`. `unread=true` lists unread ones only. ' +
          'A notification names a situation by its reference and table, never the person.',
        querystring: notificationListQuerySchema,
        response: { 200: notificationListSchema, 400: problemSchema, 401: problemSchema },
      },
    },
    async (request) => service.list(context(request), request.query),
  );

  app.get(
    '/notifications/unread-count',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'How many of your notifications are unread',
        response: { 200: unreadCountSchema, 401: problemSchema },
      },
    },
    async (request) => ({ unreadCount: await service.unreadCount(context(request)) }),
  );

  // Declared before '/notifications/:notificationId/read' reads better; the router tells them apart.
  app.post(
    '/notifications/read-all',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Mark all your notifications read',
        response: { 204: z.undefined(), 401: problemSchema },
      },
    },
    async (request, reply) => {
      await service.markAllRead(context(request));
      return reply.code(204).send();
    },
  );

  app.post(
    '/notifications/:notificationId/read',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Mark one of your notifications read',
        description: 'Someone else’s notification answers 404, like a missing one.',
        params: notificationIdParamsSchema,
        response: {
          204: z.undefined(),
          400: problemSchema,
          401: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request, reply) => {
      await service.markRead(context(request), request.params.notificationId);
      return reply.code(204).send();
    },
  );
};
