/**
 * /api/admin/users: accounts, their activation, and one-time links (administrators only). Links
 * are e-mailed to the person; no answer here ever carries one.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '@fourfold/shared/input';
import {
  adminUserListSchema,
  adminUserSchema,
  userCreateSchema,
  userCreatedSchema,
  userLinkSchema,
  userListQuerySchema,
  userUpdateSchema,
} from '@fourfold/shared/admin';
import { problemSchema } from '@fourfold/shared/problem';
import { adminContext } from './admin-context';
import {
  ADMIN_ACCESS as ADMIN,
  adminSchemaBase,
  deniedResponses as denied,
  deniedWithIdResponses as deniedWithId,
} from './route-schemas';
import type { UsersService } from './users.service';

const userParams = z.object({ userId: idSchema });
const conflict = { 409: problemSchema };
const unprocessable = { 422: problemSchema };
/** The mail server refused or did not answer: nothing was changed (MAIL_UNAVAILABLE). */
const mailUnavailable = { 503: problemSchema };

export const usersRoutes: FastifyPluginAsyncZod<{ users: UsersService }> = async (
  app,
  { users },
) => {
  app.get(
    '/users',
    {
      config: ADMIN,
      schema: {
        ...adminSchemaBase,
        summary: 'Users, in name order, a page at a time; filter by agency, table or active',
        querystring: userListQuerySchema,
        response: { 200: adminUserListSchema, 400: problemSchema, ...denied },
      },
    },
    async (request) => {
      adminContext(request);
      return users.list(request.query);
    },
  );

  app.post(
    '/users',
    {
      config: ADMIN,
      schema: {
        ...adminSchemaBase,
        summary:
          'Create a user and e-mail them a one-time invitation link (72 hours); the answer says where it went, never the link',
        body: userCreateSchema,
        response: {
          201: userCreatedSchema,
          400: problemSchema,
          ...denied,
          ...conflict,
          ...unprocessable,
          ...mailUnavailable,
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await users.create(adminContext(request), request.body)),
  );

  app.get(
    '/users/:userId',
    {
      config: ADMIN,
      schema: {
        ...adminSchemaBase,
        summary: 'One user with their memberships and pending links',
        params: userParams,
        response: { 200: adminUserSchema, ...deniedWithId },
      },
    },
    async (request) => {
      adminContext(request);
      return users.get(request.params.userId);
    },
  );

  app.patch(
    '/users/:userId',
    {
      config: ADMIN,
      schema: {
        ...adminSchemaBase,
        summary:
          'Change a user’s e-mail address (the old and the new address are both told), name, agency or administrator role',
        params: userParams,
        body: userUpdateSchema,
        response: {
          200: adminUserSchema,
          ...deniedWithId,
          ...conflict,
          ...unprocessable,
          ...mailUnavailable,
        },
      },
    },
    async (request) => users.update(adminContext(request), request.params.userId, request.body),
  );

  for (const action of ['deactivate', 'reactivate'] as const) {
    app.post(
      `/users/:userId/${action}`,
      {
        config: ADMIN,
        schema: {
          ...adminSchemaBase,
          summary:
            action === 'deactivate'
              ? 'Deactivate a user: every session of theirs ends at its next request'
              : 'Reactivate a user',
          params: userParams,
          response: { 200: adminUserSchema, ...deniedWithId, ...conflict },
        },
      },
      async (request) => users[action](adminContext(request), request.params.userId),
    );
  }

  const links = [
    [
      'invitation',
      'invite',
      'E-mail the person a new invitation link (the previous unused one stops working)',
    ],
    [
      'password-reset',
      'reset',
      'E-mail the person a password-reset link (the previous unused one stops working)',
    ],
  ] as const;
  for (const [path, purpose, summary] of links) {
    app.post(
      `/users/:userId/${path}`,
      {
        config: ADMIN,
        schema: {
          ...adminSchemaBase,
          summary,
          params: userParams,
          response: { 201: userLinkSchema, ...deniedWithId, ...conflict, ...mailUnavailable },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await users.issueLink(adminContext(request), request.params.userId, purpose)),
    );
  }
};
