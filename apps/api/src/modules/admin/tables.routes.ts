/**
 * /api/admin/tables: situation tables, their member agencies, their confidentiality agreement and
 * their members (administrators only).
 *
 * Member agencies and members change one at a time (POST to add, DELETE to remove) rather than by
 * PUTting the whole set: two administrators working at once cannot silently undo each other, each
 * change is checked on its own (an agency with people seated for it cannot be removed), and each
 * leaves its own audit event.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '@fourfold/shared/input';
import {
  adminAgreementListSchema,
  adminAgreementSchema,
  adminMemberListSchema,
  adminMemberSchema,
  adminTableListSchema,
  adminTableSchema,
  agreementPublishSchema,
  memberAddSchema,
  memberUpdateSchema,
  tableAgencyAddSchema,
  tableCreateSchema,
  tableUpdateSchema,
} from '@fourfold/shared/admin';
import { problemSchema } from '@fourfold/shared/problem';
import { adminContext } from './admin-context';
import type { MembersService } from './members.service';
import {
  ADMIN_ACCESS as ADMIN,
  adminSchemaBase,
  deniedResponses as denied,
  deniedWithIdResponses as deniedWithId,
} from './route-schemas';
import type { TablesService } from './tables.service';

const tableParams = z.object({ tableId: idSchema });
const tableAgencyParams = z.object({ tableId: idSchema, agencyId: idSchema });
const memberParams = z.object({ tableId: idSchema, userId: idSchema });
const conflict = { 409: problemSchema };
const unprocessable = { 422: problemSchema };

export const tablesRoutes: FastifyPluginAsyncZod<{
  tables: TablesService;
  members: MembersService;
}> = async (app, { tables, members }) => {
  app.get(
    '/tables',
    {
      config: ADMIN,
      schema: {
        ...adminSchemaBase,
        summary: 'Every situation table with its settings and member agencies',
        response: { 200: adminTableListSchema, ...denied },
      },
    },
    async (request) => {
      adminContext(request);
      return { items: await tables.list() };
    },
  );

  app.post(
    '/tables',
    {
      config: ADMIN,
      schema: {
        ...adminSchemaBase,
        summary: 'Create a situation table (name and reference prefix are unique)',
        body: tableCreateSchema,
        response: { 201: adminTableSchema, 400: problemSchema, ...denied, ...conflict },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await tables.create(adminContext(request), request.body)),
  );

  app.get(
    '/tables/:tableId',
    {
      config: ADMIN,
      schema: {
        ...adminSchemaBase,
        summary: 'One situation table',
        params: tableParams,
        response: { 200: adminTableSchema, ...deniedWithId },
      },
    },
    async (request) => {
      adminContext(request);
      return tables.get(request.params.tableId);
    },
  );

  app.patch(
    '/tables/:tableId',
    {
      config: ADMIN,
      schema: {
        ...adminSchemaBase,
        summary: 'Change a situation table’s settings',
        params: tableParams,
        body: tableUpdateSchema,
        response: { 200: adminTableSchema, ...deniedWithId, ...conflict },
      },
    },
    async (request) => tables.update(adminContext(request), request.params.tableId, request.body),
  );

  for (const action of ['deactivate', 'reactivate'] as const) {
    app.post(
      `/tables/:tableId/${action}`,
      {
        config: ADMIN,
        schema: {
          ...adminSchemaBase,
          summary:
            action === 'deactivate'
              ? 'Deactivate a situation table: its members lose access to it at once'
              : 'Reactivate a situation table',
          params: tableParams,
          response: { 200: adminTableSchema, ...deniedWithId },
        },
      },
      async (request) => tables[action](adminContext(request), request.params.tableId),
    );
  }

  app.post(
    '/tables/:tableId/agencies',
    {
      config: ADMIN,
      schema: {
        ...adminSchemaBase,
        summary: 'Add a member agency to a situation table',
        params: tableParams,
        body: tableAgencyAddSchema,
        response: { 200: adminTableSchema, ...deniedWithId, ...conflict, ...unprocessable },
      },
    },
    async (request) =>
      tables.addAgency(adminContext(request), request.params.tableId, request.body),
  );

  app.delete(
    '/tables/:tableId/agencies/:agencyId',
    {
      config: ADMIN,
      schema: {
        ...adminSchemaBase,
        summary: 'Remove a member agency (refused while people sit at the table for it)',
        params: tableAgencyParams,
        response: { 200: adminTableSchema, ...deniedWithId, ...conflict },
      },
    },
    async (request) =>
      tables.removeAgency(adminContext(request), request.params.tableId, request.params.agencyId),
  );

  app.get(
    '/tables/:tableId/agreements',
    {
      config: ADMIN,
      schema: {
        ...adminSchemaBase,
        summary: 'Every version of the table’s confidentiality agreement, newest first',
        params: tableParams,
        response: { 200: adminAgreementListSchema, ...deniedWithId },
      },
    },
    async (request) => {
      adminContext(request);
      return { items: await tables.listAgreements(request.params.tableId) };
    },
  );

  app.post(
    '/tables/:tableId/agreements',
    {
      config: ADMIN,
      schema: {
        ...adminSchemaBase,
        summary: 'Publish a new version of the agreement; every member must accept it again',
        params: tableParams,
        body: agreementPublishSchema,
        response: { 201: adminAgreementSchema, ...deniedWithId },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await tables.publishAgreement(
            adminContext(request),
            request.params.tableId,
            request.body,
          ),
        ),
  );

  app.get(
    '/tables/:tableId/members',
    {
      config: ADMIN,
      schema: {
        ...adminSchemaBase,
        summary: 'The table’s members, their roles and the agreement version each accepted',
        params: tableParams,
        response: { 200: adminMemberListSchema, ...deniedWithId },
      },
    },
    async (request) => {
      adminContext(request);
      return { items: await members.list(request.params.tableId) };
    },
  );

  app.post(
    '/tables/:tableId/members',
    {
      config: ADMIN,
      schema: {
        ...adminSchemaBase,
        summary: 'Add a member with a role (one membership per person and table)',
        params: tableParams,
        body: memberAddSchema,
        response: { 201: adminMemberSchema, ...deniedWithId, ...conflict, ...unprocessable },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await members.add(adminContext(request), request.params.tableId, request.body)),
  );

  app.patch(
    '/tables/:tableId/members/:userId',
    {
      config: ADMIN,
      schema: {
        ...adminSchemaBase,
        summary: 'Change a member’s role',
        params: memberParams,
        body: memberUpdateSchema,
        response: { 200: adminMemberSchema, ...deniedWithId, ...unprocessable },
      },
    },
    async (request) =>
      members.changeRole(
        adminContext(request),
        request.params.tableId,
        request.params.userId,
        request.body,
      ),
  );

  app.delete(
    '/tables/:tableId/members/:userId',
    {
      config: ADMIN,
      schema: {
        ...adminSchemaBase,
        summary: 'Remove a member from the table',
        params: memberParams,
        response: { 204: z.undefined(), ...deniedWithId },
      },
    },
    async (request, reply) => {
      await members.remove(adminContext(request), request.params.tableId, request.params.userId);
      return reply.code(204).send();
    },
  );
};
