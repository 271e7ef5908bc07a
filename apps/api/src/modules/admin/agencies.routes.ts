/** /api/admin/agencies: the agencies that sit on situation tables (administrators only). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '@fourfold/shared/input';
import {
  adminAgencyListSchema,
  adminAgencySchema,
  agencyCreateSchema,
  agencyUpdateSchema,
} from '@fourfold/shared/admin';
import { problemSchema } from '@fourfold/shared/problem';
import { adminContext } from './admin-context';
import type { AgenciesService } from './agencies.service';
import {
  ADMIN_ACCESS as ADMIN,
  adminSchemaBase,
  deniedResponses as denied,
  deniedWithIdResponses as deniedWithId,
} from './route-schemas';

const agencyParams = z.object({ agencyId: idSchema });

export const agenciesRoutes: FastifyPluginAsyncZod<{ agencies: AgenciesService }> = async (
  app,
  { agencies },
) => {
  app.get(
    '/agencies',
    {
      config: ADMIN,
      schema: {
        ...adminSchemaBase,
        summary: 'Every agency, with its sector, whether active, and the tables it sits on',
        response: { 200: adminAgencyListSchema, ...denied },
      },
    },
    async (request) => {
      adminContext(request);
      return { items: await agencies.list() };
    },
  );

  app.post(
    '/agencies',
    {
      config: ADMIN,
      schema: {
        ...adminSchemaBase,
        summary: 'Create an agency (names are unique without regard to case)',
        body: agencyCreateSchema,
        response: { 201: adminAgencySchema, 400: problemSchema, ...denied, 409: problemSchema },
      },
    },
    async (request, reply) => {
      const agency = await agencies.create(adminContext(request), request.body);
      return reply.code(201).send(agency);
    },
  );

  app.get(
    '/agencies/:agencyId',
    {
      config: ADMIN,
      schema: {
        ...adminSchemaBase,
        summary: 'One agency',
        params: agencyParams,
        response: { 200: adminAgencySchema, ...deniedWithId },
      },
    },
    async (request) => {
      adminContext(request);
      return agencies.get(request.params.agencyId);
    },
  );

  app.patch(
    '/agencies/:agencyId',
    {
      config: ADMIN,
      schema: {
        ...adminSchemaBase,
        summary: 'Rename an agency or change its sector',
        params: agencyParams,
        body: agencyUpdateSchema,
        response: { 200: adminAgencySchema, ...deniedWithId, 409: problemSchema },
      },
    },
    async (request) =>
      agencies.update(adminContext(request), request.params.agencyId, request.body),
  );

  for (const action of ['deactivate', 'reactivate'] as const) {
    app.post(
      `/agencies/:agencyId/${action}`,
      {
        config: ADMIN,
        schema: {
          ...adminSchemaBase,
          summary:
            action === 'deactivate'
              ? 'Deactivate an agency: it can no longer join tables or receive users'
              : 'Reactivate an agency',
          params: agencyParams,
          response: { 200: adminAgencySchema, ...deniedWithId },
        },
      },
      async (request) => agencies[action](adminContext(request), request.params.agencyId),
    );
  }
};
