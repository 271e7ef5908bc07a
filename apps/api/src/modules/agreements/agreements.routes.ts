/** A situation table's confidentiality agreement: read the current version, accept it. */
import type { Kysely } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  agreementAcceptanceRequestSchema,
  tableAgreementSchema,
  tableIdParamsSchema,
} from '@fourfold/shared/agreements';
import { problemSchema } from '@fourfold/shared/problem';
import type { DB } from '../../db/schema';
import { requireActor } from '../../lib/access';
import { createAgreementsService } from './agreements.service';

export const agreementsRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB> }> = async (app, { db }) => {
  const service = createAgreementsService({ db });

  app.get(
    '/tables/:tableId/agreement',
    {
      config: { access: { permission: 'table.view' } },
      schema: {
        tags: ['agreements'],
        summary: "The table's current confidentiality agreement, and whether you accepted it",
        params: tableIdParamsSchema,
        response: {
          200: tableAgreementSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request) => service.view(requireActor(request), request.params.tableId),
  );

  app.post(
    '/tables/:tableId/agreement/acceptance',
    {
      config: { access: { permission: 'table.view' } },
      schema: {
        tags: ['agreements'],
        summary: 'Accept the current version of the confidentiality agreement',
        description:
          'The version read must be the current one: 409 CONFLICT when a newer version was published since.',
        params: tableIdParamsSchema,
        body: agreementAcceptanceRequestSchema,
        response: {
          200: tableAgreementSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (request) =>
      service.accept(requireActor(request), request.params.tableId, request.body.version, {
        requestId: request.id,
      }),
  );
};
