/**
 * Action items and report-backs of a situation, and the action items owned by the person's
 * agency (the home page). An item's version is its ETag; a PATCH needs it in If-Match.
 */
import {
  actionItemIdParamsSchema,
  actionItemListSchema,
  actionItemRequestSchema,
  actionItemSchema,
  actionItemUpdateSchema,
  ownedActionItemsQuerySchema,
  reportBackListSchema,
  reportBackRequestSchema,
  reportBackSchema,
} from '@fourfold/shared/action-items';
import { situationIdParamsSchema } from '@fourfold/shared/situations';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { requireActor } from '../../lib/access';
import type { AppSecrets } from '../../lib/app-secrets';
import { etagOf } from '../../lib/if-match';
import type { Config } from '../../config';
import { identityServiceFor } from '../situations/identity.service';
import { createActionItemsService, type ActionWriteContext } from './action-items.service';
import { readProblems, writeProblems } from '../../lib/route-problems';

export type ActionItemsRoutesOptions = {
  db: Kysely<DB>;
  secrets: AppSecrets;
  config: Pick<Config, 'repeatWindowMonths'>;
};

const tags = ['action items'];

const GUARD =
  'The text must be de-identified: 422 PERSONAL_DATA_IN_TEXT lists what was found (kinds and ' +
  'offsets, never values).';

const writeContext = (request: FastifyRequest): ActionWriteContext => ({
  requestId: request.id,
  ifMatch: request.headers['if-match'],
});

export const actionItemsRoutes: FastifyPluginAsyncZod<ActionItemsRoutesOptions> = async (
  app,
  { db, secrets, config },
) => {
  const { identity } = identityServiceFor(db, secrets, config);
  const actions = createActionItemsService({ db, identity });

  app.get(
    '/situations/:id/action-items',
    {
      config: { access: { permission: 'situation.viewDeidentified' } },
      schema: {
        tags,
        summary: "The situation's action items: open ones first, each by due time",
        params: situationIdParamsSchema,
        response: { 200: actionItemListSchema, ...readProblems },
      },
    },
    async (request) => actions.listForSituation(requireActor(request), request.params.id),
  );

  app.post(
    '/situations/:id/action-items',
    {
      config: { access: { permission: 'situation.manageActions' } },
      schema: {
        tags,
        summary: 'Add an action item (filter 4: coordinator, lead or assisting agency)',
        description:
          'The owner must be the lead or an assisting agency; the due time in the future and at ' +
          `most a year ahead. With meetingId the meeting must be open with the situation on its agenda. ${GUARD}`,
        params: situationIdParamsSchema,
        body: actionItemRequestSchema,
        response: { 201: actionItemSchema, ...writeProblems },
      },
    },
    async (request, reply) => {
      const item = await actions.create(
        requireActor(request),
        request.params.id,
        request.body,
        writeContext(request),
      );
      reply.code(201).header('etag', etagOf(item.version));
      return item;
    },
  );

  app.patch(
    '/action-items/:id',
    {
      config: { access: { permission: 'situation.manageActions' } },
      schema: {
        tags,
        summary: 'Change an action item: status, due time, description or owner',
        description:
          'Needs `If-Match` with the ETag of the item (428 without, 412 when stale). Status moves ' +
          'open → done | cancelled and done → open (reopen); a cancelled item is final (409). The ' +
          `first-contact item is done by recording the first contact, not here (409). ${GUARD}`,
        params: actionItemIdParamsSchema,
        body: actionItemUpdateSchema,
        response: { 200: actionItemSchema, ...writeProblems },
      },
    },
    async (request, reply) => {
      const item = await actions.update(
        requireActor(request),
        request.params.id,
        request.body,
        writeContext(request),
      );
      reply.header('etag', etagOf(item.version));
      return item;
    },
  );

  app.get(
    '/action-items',
    {
      config: { access: { permission: 'situation.viewDeidentified' } },
      schema: {
        tags,
        summary: 'Action items owned by your agency on your tables, by due time',
        description:
          'Status defaults to open; overdue=true keeps only overdue ones. Pass `nextCursor` as ' +
          '`cursor` for the next page (a page may hold fewer items than the limit).',
        querystring: ownedActionItemsQuerySchema,
        response: { 200: actionItemListSchema, ...readProblems },
      },
    },
    async (request) => actions.listOwned(requireActor(request), request.query),
  );

  app.get(
    '/situations/:id/report-backs',
    {
      config: { access: { permission: 'situation.viewDeidentified' } },
      schema: {
        tags,
        summary: "The situation's report-backs, oldest first",
        params: situationIdParamsSchema,
        response: { 200: reportBackListSchema, ...readProblems },
      },
    },
    async (request) => actions.listReportBacks(requireActor(request), request.params.id),
  );

  app.post(
    '/situations/:id/report-backs',
    {
      config: { access: { permission: 'situation.reportBack' } },
      schema: {
        tags,
        summary: "Record an agency's report-back (filters 3 and 4)",
        description:
          'For your own agency; a coordinator may record one for another member agency. With ' +
          'meetingId (an open meeting with the situation on its agenda) it is also recorded as a ' +
          `decision of that meeting. ${GUARD}`,
        params: situationIdParamsSchema,
        body: reportBackRequestSchema,
        response: { 201: reportBackSchema, ...writeProblems },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return actions.reportBack(
        requireActor(request),
        request.params.id,
        request.body,
        writeContext(request),
      );
    },
  );
};
