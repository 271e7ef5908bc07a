/**
 * The situation workflow API: a table as its members see it, its situations (de-identified),
 * each step of the Four Filter process, identity (sealed, audited on every view) and
 * intervention notes. Every write on a situation needs its current version in If-Match and
 * answers with the updated situation and its new ETag.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { tableIdParamsSchema } from '@fourfold/shared/agreements';
import {
  assignmentRequestSchema,
  closeRequestSchema,
  contactRequestSchema,
  decisionRequestSchema,
  identitySchema,
  ACCESS_PURPOSE_HEADER,
  identityViewHeadersSchema,
  identityViewSchema,
  interventionNoteListSchema,
  involvementRequestSchema,
  noteRequestSchema,
  situationDraftSchema,
  situationIdParamsSchema,
  situationListQuerySchema,
  situationListSchema,
  situationStageCountsQuerySchema,
  situationSchema,
  situationStageCountsSchema,
  tableDetailSchema,
  type Situation,
} from '@fourfold/shared/situations';
import type { Kysely } from 'kysely';
import type { AppSecrets } from '../../lib/app-secrets';
import type { Config } from '../../config';
import type { DB } from '../../db/schema';
import { requireActor, requirePersonAlong } from '../../lib/access';
import { identityServiceFor } from './identity.service';
import { createNotesService } from './notes.service';
import { etagOf } from './situation-access';
import type { WriteContext } from './situation-writes';
import { createSituationsService } from './situations.service';
import { readProblems, writeProblems } from '../../lib/route-problems';

export type SituationsRoutesOptions = {
  db: Kysely<DB>;
  secrets: AppSecrets;
  config: Pick<Config, 'identityRetentionDays' | 'repeatWindowMonths'>;
};

const tags = ['situations'];

const IF_MATCH =
  'Needs `If-Match` with the ETag of the situation the change is based on: 428 without it, 412 ' +
  'when the situation changed since. Answers with the updated situation and its new ETag. A ' +
  'step the stage does not allow answers 409 INVALID_TRANSITION.';

const writeContext = (request: FastifyRequest): WriteContext => ({
  requestId: request.id,
  ifMatch: request.headers['if-match'],
});

function withEtag(reply: FastifyReply, situation: Situation): Situation {
  reply.header('etag', etagOf(situation.version));
  return situation;
}

export const situationsRoutes: FastifyPluginAsyncZod<SituationsRoutesOptions> = async (
  app,
  { db, secrets, config },
) => {
  const { vault, identity } = identityServiceFor(db, secrets, config);
  const notes = createNotesService({ db, vault });
  const situations = createSituationsService({
    db,
    identity,
    identityRetentionDays: config.identityRetentionDays,
  });

  // --- Tables ------------------------------------------------------------------------------

  app.get(
    '/tables/:tableId',
    {
      config: { access: { permission: 'table.view' } },
      schema: {
        tags,
        summary: 'A situation table as its members see it: settings and member agencies',
        params: tableIdParamsSchema,
        response: { 200: tableDetailSchema, ...readProblems },
      },
    },
    async (request) => situations.tableDetail(requireActor(request), request.params.tableId),
  );

  app.get(
    '/tables/:tableId/situations',
    {
      // The hottest read: the person comes in the list's own statement (one round trip).
      config: { access: { permission: 'situation.viewDeidentified' }, personAlong: true },
      schema: {
        tags,
        summary: "The table's situations you may see, de-identified, searched, filtered and sorted",
        description:
          'Drafts appear only to their originating agency. `q` matches part of a reference ' +
          '(case-insensitive), never free text. Pass `nextCursor` as `cursor` for the next page, ' +
          'with the same filters and sort (400 otherwise).',
        params: tableIdParamsSchema,
        querystring: situationListQuerySchema,
        response: { 200: situationListSchema, ...readProblems },
      },
    },
    async (request) =>
      situations.list(requirePersonAlong(request), request.params.tableId, request.query),
  );

  app.get(
    '/tables/:tableId/situations/counts',
    {
      config: { access: { permission: 'situation.viewDeidentified' } },
      schema: {
        tags,
        summary: 'How many situations of the table you may see, by stage',
        description:
          'Counts what the list shows you (drafts only of your own agency), under the same ' +
          'filters as the list but the stage.',
        params: tableIdParamsSchema,
        querystring: situationStageCountsQuerySchema,
        response: { 200: situationStageCountsSchema, ...readProblems },
      },
    },
    async (request) =>
      situations.stageCounts(requireActor(request), request.params.tableId, request.query),
  );

  app.post(
    '/tables/:tableId/situations',
    {
      config: { access: { permission: 'situation.create' } },
      schema: {
        tags,
        summary: 'Start a situation (filter 1) for your agency',
        description:
          'Your agency must be a member agency of the table. The summary must be de-identified: ' +
          '422 PERSONAL_DATA_IN_SUMMARY lists what was found (kinds and offsets, never values).',
        params: tableIdParamsSchema,
        body: situationDraftSchema,
        response: { 201: situationSchema, ...writeProblems },
      },
    },
    async (request, reply) => {
      const situation = await situations.create(
        requireActor(request),
        request.params.tableId,
        request.body,
        { requestId: request.id },
      );
      reply.code(201);
      return withEtag(reply, situation);
    },
  );

  // --- One situation -------------------------------------------------------------------------

  app.get(
    '/situations/:id',
    {
      config: { access: { permission: 'situation.viewDeidentified' } },
      schema: {
        tags,
        summary: 'A situation, de-identified (with its version as ETag)',
        params: situationIdParamsSchema,
        response: { 200: situationSchema, ...readProblems },
      },
    },
    async (request, reply) =>
      withEtag(reply, await situations.get(requireActor(request), request.params.id)),
  );

  app.put(
    '/situations/:id',
    {
      config: { access: { permission: 'situation.editDraft' } },
      schema: {
        tags,
        summary: 'Edit the draft (originating agency, filter 1 only)',
        description: IF_MATCH,
        params: situationIdParamsSchema,
        body: situationDraftSchema,
        response: { 200: situationSchema, ...writeProblems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await situations.editDraft(
          requireActor(request),
          request.params.id,
          request.body,
          writeContext(request),
        ),
      ),
  );

  app.post(
    '/situations/:id/submit',
    {
      config: { access: { permission: 'situation.present' } },
      schema: {
        tags,
        summary: 'Present the draft to the table (filter 2)',
        description:
          `${IF_MATCH} Every filter-1 answer must be true and the table's minimum number of ` +
          'risk factors set (else 422 VALIDATION_FAILED naming the fields).',
        params: situationIdParamsSchema,
        response: { 200: situationSchema, ...writeProblems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await situations.submit(requireActor(request), request.params.id, writeContext(request)),
      ),
  );

  app.post(
    '/situations/:id/decision',
    {
      config: { access: { permission: 'situation.decide' } },
      schema: {
        tags,
        summary: "The table's filter-2 decision (coordinator): accepted or rejected",
        description: `${IF_MATCH} A rejection destroys the identity at once.`,
        params: situationIdParamsSchema,
        body: decisionRequestSchema,
        response: { 200: situationSchema, ...writeProblems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await situations.decide(
          requireActor(request),
          request.params.id,
          request.body,
          writeContext(request),
        ),
      ),
  );

  app.post(
    '/situations/:id/involvement',
    {
      config: { access: { permission: 'situation.declareInvolvement' } },
      schema: {
        tags,
        summary: 'Say whether your agency already works with the person (filter 3)',
        description: IF_MATCH,
        params: situationIdParamsSchema,
        body: involvementRequestSchema,
        response: { 200: situationSchema, ...writeProblems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await situations.declareInvolvement(
          requireActor(request),
          request.params.id,
          request.body.involved,
          writeContext(request),
        ),
      ),
  );

  app.post(
    '/situations/:id/assignment',
    {
      config: { access: { permission: 'situation.assign' } },
      schema: {
        tags,
        summary: 'Name the lead and assisting agencies (coordinator): filter 4',
        description: IF_MATCH,
        params: situationIdParamsSchema,
        body: assignmentRequestSchema,
        response: { 200: situationSchema, ...writeProblems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await situations.assign(
          requireActor(request),
          request.params.id,
          request.body,
          writeContext(request),
        ),
      ),
  );

  app.post(
    '/situations/:id/contact',
    {
      config: { access: { permission: 'situation.recordContact' } },
      schema: {
        tags,
        summary: 'Record the first contact (lead or assisting agency), once',
        description: `${IF_MATCH} A second call answers 409 CONFLICT.`,
        params: situationIdParamsSchema,
        body: contactRequestSchema,
        response: { 200: situationSchema, ...writeProblems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await situations.recordContact(
          requireActor(request),
          request.params.id,
          request.body,
          writeContext(request),
        ),
      ),
  );

  app.post(
    '/situations/:id/close',
    {
      config: { access: { permission: 'situation.close' } },
      schema: {
        tags,
        summary: 'Conclude the situation (coordinator) with a conclusion reason',
        description:
          `${IF_MATCH} Identity is destroyed IDENTITY_RETENTION_DAYS after closure. ` +
          '`noContactReason` (code list no_contact_reason) is required exactly when no first ' +
          'contact is recorded, and refused otherwise (422 VALIDATION_FAILED naming the field).',
        params: situationIdParamsSchema,
        body: closeRequestSchema,
        response: { 200: situationSchema, ...writeProblems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await situations.close(
          requireActor(request),
          request.params.id,
          request.body,
          writeContext(request),
        ),
      ),
  );

  // --- Identity ------------------------------------------------------------------------------

  app.get(
    '/situations/:id/identity',
    {
      config: { access: { permission: 'situation.viewIdentity' } },
      schema: {
        tags,
        summary: 'The identity, where the Four Filter rules allow you to see it (audited)',
        description:
          'Every answer is recorded in the audit log, with the optional purpose given in the ' +
          '`Access-Purpose` header (percent-encoded UTF-8, at most 200 characters). 403 ' +
          'IDENTITY_NOT_AVAILABLE where your agency may not see it at this stage; 404 when no ' +
          'identity is held (never entered, or destroyed). `possibleRepeats` names, by reference ' +
          'only, the situations of the table you may see whose person matched this one within ' +
          'REPEAT_WINDOW_MONTHS.',
        params: situationIdParamsSchema,
        headers: identityViewHeadersSchema,
        response: { 200: identityViewSchema, ...readProblems },
      },
    },
    async (request) =>
      identity.view(
        requireActor(request),
        request.params.id,
        request.headers[ACCESS_PURPOSE_HEADER],
        {
          requestId: request.id,
        },
      ),
  );

  app.put(
    '/situations/:id/identity',
    {
      config: { access: { permission: 'situation.editIdentity' } },
      schema: {
        tags,
        summary: 'Enter or replace the identity (originating agency, until closure)',
        description: `${IF_MATCH} Stored sealed; refused (422) when a name appears in the summary.`,
        params: situationIdParamsSchema,
        body: identitySchema,
        response: { 200: situationSchema, ...writeProblems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await identity.update(
          requireActor(request),
          request.params.id,
          request.body,
          writeContext(request),
        ),
      ),
  );

  // --- Intervention notes ----------------------------------------------------------------------

  app.get(
    '/situations/:id/notes',
    {
      config: { access: { permission: 'situation.readNotes' } },
      schema: {
        tags,
        summary: 'Intervention notes (lead, assisting and originating agencies; audited)',
        params: situationIdParamsSchema,
        response: { 200: interventionNoteListSchema, ...readProblems },
      },
    },
    async (request) =>
      notes.read(requireActor(request), request.params.id, { requestId: request.id }),
  );

  app.post(
    '/situations/:id/notes',
    {
      config: { access: { permission: 'situation.writeNotes' } },
      schema: {
        tags,
        summary: 'Add an intervention note (filter 4; lead, assisting and originating agencies)',
        description: `${IF_MATCH} Stored sealed. Answers 201 with the updated situation.`,
        params: situationIdParamsSchema,
        body: noteRequestSchema,
        response: { 201: situationSchema, ...writeProblems },
      },
    },
    async (request, reply) => {
      const situation = await notes.write(
        requireActor(request),
        request.params.id,
        request.body.body,
        writeContext(request),
      );
      reply.code(201);
      return withEtag(reply, situation);
    },
  );
};
