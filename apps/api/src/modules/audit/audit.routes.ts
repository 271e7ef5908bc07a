/**
 * /api/audit/*: the privacy officer's view of the audit log — search, the access report of one
 * situation, the report a person can be sent about who saw their information, and verification
 * of the hash chain. Each call is itself recorded in the log; denials are recorded by the
 * authentication plugin.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import {
  auditEventPageSchema,
  auditEventQuerySchema,
  auditVerificationSchema,
  personReportQuerySchema,
  personReportSchema,
  situationAccessParamsSchema,
  situationAccessReportSchema,
} from '@fourfold/shared/audit';
import { problemSchema } from '@fourfold/shared/problem';
import type { DB } from '../../db/schema';
import { requireActor } from '../../lib/access';
import {
  personAccessReport,
  searchAuditEvents,
  situationAccessReport,
  verifyAuditLog,
  type AuditReadContext,
} from './audit.service';

const AUDIT_READ = { access: { permission: 'audit.read' } } as const;
const tags = ['audit'];
/** 404: a table or situation outside the caller's tables looks missing. */
const denied = { 401: problemSchema, 403: problemSchema, 404: problemSchema };

const context = (request: FastifyRequest): AuditReadContext => ({
  actor: requireActor(request),
  requestId: request.id,
});

export const auditRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get(
    '/audit/events',
    {
      config: AUDIT_READ,
      schema: {
        tags,
        summary: 'Search the audit log of the tables where you are privacy officer, newest first',
        description:
          'Without tableId: the events of all those tables, and the sign-ins and other events ' +
          'without a table of their members. Keyset pagination: pass nextCursor as cursor.',
        querystring: auditEventQuerySchema,
        response: { 200: auditEventPageSchema, 400: problemSchema, ...denied },
      },
    },
    async (request) => searchAuditEvents(db, context(request), request.query),
  );

  app.get(
    '/audit/situations/:situationId/access-report',
    {
      config: AUDIT_READ,
      schema: {
        tags,
        summary: 'Every recorded access to one situation, with a summary per person and agency',
        params: situationAccessParamsSchema,
        response: { 200: situationAccessReportSchema, 400: problemSchema, ...denied },
      },
    },
    async (request) => situationAccessReport(db, context(request), request.params.situationId),
  );

  app.get(
    '/audit/person-report',
    {
      config: AUDIT_READ,
      schema: {
        tags,
        summary: 'Who has seen a person’s information: identity and intervention-note accesses',
        description:
          'Found through the situation reference (e.g. RIV-2026-0042); lists agencies and times, ' +
          'not staff names, so it can be sent to the person.',
        querystring: personReportQuerySchema,
        response: { 200: personReportSchema, 400: problemSchema, ...denied },
      },
    },
    async (request) => personAccessReport(db, context(request), request.query.reference),
  );

  app.get(
    '/audit/verify',
    {
      config: AUDIT_READ,
      schema: {
        tags,
        summary: 'Verify the hash chain of the whole audit log',
        response: { 200: auditVerificationSchema, ...denied },
      },
    },
    async (request) => verifyAuditLog(db, context(request)),
  );
};
