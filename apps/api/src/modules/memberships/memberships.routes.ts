/**
 * /api/membership-reviews: a confirmer's view of the pending and recently granted memberships of
 * their tables, and the two decisions on a pending one (confirm, decline). Administrators ask for
 * memberships under /api/admin/tables/:tableId/members and can never confirm them.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  membershipGrantSchema,
  membershipIdParamsSchema,
  membershipReviewQuerySchema,
  membershipReviewSchema,
} from '@fourfold/shared/memberships';
import { problemSchema } from '@fourfold/shared/problem';
import type { DB } from '../../db/schema';
import { requireActor } from '../../lib/access';
import { createMembershipsService, type MembershipsContext } from './memberships.service';

const tags = ['memberships'];
/** 404: a table or membership outside the caller's tables looks missing. */
const denied = { 401: problemSchema, 403: problemSchema, 404: problemSchema };

const context = (request: FastifyRequest): MembershipsContext => ({
  actor: requireActor(request),
  requestId: request.id,
});

export const membershipsRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB> }> = async (app, { db }) => {
  const service = createMembershipsService({ db });

  app.get(
    '/membership-reviews',
    {
      config: { access: { permission: 'membership.review' } },
      schema: {
        tags,
        summary:
          'Pending and recently granted memberships of the tables whose memberships you review',
        description:
          'Coordinators and privacy officers. `canConfirm` says whether you are the person who ' +
          'may confirm each pending one (a coordinator; a privacy officer on a table without one).',
        querystring: membershipReviewQuerySchema,
        response: { 200: membershipReviewSchema, 400: problemSchema, ...denied },
      },
    },
    async (request) => service.review(context(request), request.query.tableId),
  );

  app.post(
    '/membership-reviews/:membershipId/confirm',
    {
      config: { access: { permission: 'membership.confirm' } },
      schema: {
        tags,
        summary: 'Confirm a pending membership: it takes effect at once',
        description:
          'Never the member themself nor the person who asked for it. 409 when it is not pending.',
        params: membershipIdParamsSchema,
        response: { 200: membershipGrantSchema, ...denied, 409: problemSchema },
      },
    },
    async (request) => service.confirm(context(request), request.params.membershipId),
  );

  app.post(
    '/membership-reviews/:membershipId/decline',
    {
      config: { access: { permission: 'membership.confirm' } },
      schema: {
        tags,
        summary: 'Decline a pending membership: it is removed and never took effect',
        params: membershipIdParamsSchema,
        response: { 204: z.undefined(), ...denied, 409: problemSchema },
      },
    },
    async (request, reply) => {
      await service.decline(context(request), request.params.membershipId);
      return reply.code(204).send();
    },
  );
};
