/**
 * /api/admin/code-lists/{list}: administrators add, relabel, move, retire and reinstate codes.
 * Everyone else reads the lists through GET /api/taxonomy.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  adminCodeListSchema,
  adminCodeSchema,
  codeCreateSchema,
  codeUpdateSchema,
} from '@fourfold/shared/admin';
import { problemSchema } from '@fourfold/shared/problem';
import { codeListNameSchema, codeSchema } from '@fourfold/shared/taxonomy';
import { adminContext } from './admin-context';
import {
  ADMIN_ACCESS as ADMIN,
  adminSchemaBase,
  deniedWithIdResponses as deniedWithId,
} from './route-schemas';
import type { CodeListsService } from './code-lists.service';

const listParams = z.object({ list: codeListNameSchema });
const codeParams = z.object({ list: codeListNameSchema, code: codeSchema });

export const codeListsRoutes: FastifyPluginAsyncZod<{ codeLists: CodeListsService }> = async (
  app,
  { codeLists },
) => {
  app.get(
    '/:list',
    {
      config: ADMIN,
      schema: {
        ...adminSchemaBase,
        summary: 'Every code of one list, retired ones included, in display order',
        params: listParams,
        response: { 200: adminCodeListSchema, ...deniedWithId },
      },
    },
    async (request) => {
      adminContext(request);
      return codeLists.list(request.params.list);
    },
  );

  app.post(
    '/:list',
    {
      config: ADMIN,
      schema: {
        ...adminSchemaBase,
        summary: 'Add a code at the end of the list (a risk factor: of its category)',
        params: listParams,
        body: codeCreateSchema,
        response: {
          201: adminCodeSchema,
          ...deniedWithId,
          409: problemSchema,
          422: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const code = await codeLists.create(adminContext(request), request.params.list, request.body);
      return reply.code(201).send(code);
    },
  );

  app.get(
    '/:list/:code',
    {
      config: ADMIN,
      schema: {
        ...adminSchemaBase,
        summary: 'One code',
        params: codeParams,
        response: { 200: adminCodeSchema, ...deniedWithId },
      },
    },
    async (request) => {
      adminContext(request);
      return codeLists.get(request.params.list, request.params.code);
    },
  );

  app.patch(
    '/:list/:code',
    {
      config: ADMIN,
      schema: {
        ...adminSchemaBase,
        summary: 'Relabel a code or move it; the code itself never changes',
        params: codeParams,
        body: codeUpdateSchema,
        response: { 200: adminCodeSchema, ...deniedWithId, 409: problemSchema, 422: problemSchema },
      },
    },
    async (request) =>
      codeLists.update(
        adminContext(request),
        request.params.list,
        request.params.code,
        request.body,
      ),
  );

  for (const action of ['retire', 'reinstate'] as const) {
    app.post(
      `/:list/:code/${action}`,
      {
        config: ADMIN,
        schema: {
          ...adminSchemaBase,
          summary:
            action === 'retire'
              ? 'Retire a code: kept on old records, no longer offered for new data'
              : 'Offer a retired code again',
          params: codeParams,
          response: {
            200: adminCodeSchema,
            ...deniedWithId,
            409: problemSchema,
            422: problemSchema,
          },
        },
      },
      async (request) =>
        codeLists[action](adminContext(request), request.params.list, request.params.code),
    );
  }
};
