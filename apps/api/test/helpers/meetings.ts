/**
 * Fixtures for the meeting tests: the situations cast plus the roles that see meetings
 * differently (a privacy officer, an administrator), and helpers to schedule, open and read a
 * meeting through the real API.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { meetingDetailSchema, type MeetingDetail } from '@fourfold/shared/meetings';
import type { DB } from '../../src/db/schema';
import { createUser, signIn, type SignedIn } from './fixtures';
import type { SituationClient } from './situations';
import { createCast, type Cast } from './situations';

export type MeetingCast = Cast & {
  privacyOfficer: SignedIn;
  administrator: SignedIn;
  /**
   * An agency rep of the cast's table (the uninvolved agency) who chairs another table: holding
   * `meeting.run` somewhere, their refusal here comes from the service (403), not the route.
   */
  chairElsewhere: SignedIn;
};

export async function createMeetingCast(
  app: FastifyInstance,
  db: Kysely<DB>,
): Promise<MeetingCast> {
  const cast = await createCast(app, db);
  const privacyOfficer = await createUser(db, {
    agencyId: cast.agencies.chair,
    memberships: [{ tableId: cast.tableId, role: 'privacy_officer' }],
  });
  const administrator = await createUser(db, { isAdministrator: true });
  const chairElsewhere = await createUser(db, {
    agencyId: cast.agencies.uninvolved,
    memberships: [
      { tableId: cast.tableId, role: 'agency_rep' },
      { tableId: cast.otherTableId, role: 'coordinator' },
    ],
  });
  return {
    ...cast,
    chairElsewhere: await signIn(app, chairElsewhere.email),
    privacyOfficer: await signIn(app, privacyOfficer.email),
    administrator: await signIn(app, administrator.email),
  };
}

/** An hour from now, a valid one-off meeting time. */
export const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

export async function scheduleMeeting(
  client: SituationClient,
  cast: Cast,
  scheduledFor = inAnHour(),
): Promise<string> {
  const res = await client.call('coordinator', 'POST', `/api/tables/${cast.tableId}/meetings`, {
    payload: { kind: 'one_off', scheduledFor },
  });
  if (res.statusCode !== 201) throw new Error(`schedule: ${res.statusCode} ${res.body}`);
  return res.json().items[0].id as string;
}

export async function meetingEtag(db: Kysely<DB>, meetingId: string): Promise<string> {
  const row = await db
    .selectFrom('meeting')
    .select('version')
    .where('id', '=', meetingId)
    .executeTakeFirstOrThrow();
  return `"${row.version}"`;
}

/** A meeting write with its current ETag. */
export async function meetingWrite(
  client: SituationClient,
  db: Kysely<DB>,
  method: 'POST' | 'PUT' | 'PATCH',
  meetingId: string,
  path: string,
  payload?: unknown,
) {
  return client.call('coordinator', method, `/api/meetings/${meetingId}${path}`, {
    payload,
    ifMatch: await meetingEtag(db, meetingId),
  });
}

export async function openMeeting(
  client: SituationClient,
  db: Kysely<DB>,
  meetingId: string,
): Promise<MeetingDetail> {
  const res = await meetingWrite(client, db, 'POST', meetingId, '/open');
  if (res.statusCode !== 200) throw new Error(`open: ${res.statusCode} ${res.body}`);
  return meetingDetailSchema.parse(res.json());
}

export function auditActions(db: Kysely<DB>, requestId: string) {
  return db
    .selectFrom('audit_event')
    .select(['action', 'outcome', 'table_id', 'situation_id', 'data_category'])
    .where('request_id', '=', requestId)
    .orderBy('id')
    .execute();
}

export function meetingEvents(db: Kysely<DB>, meetingId: string) {
  return db
    .selectFrom('meeting_event')
    .select(['kind', 'situation_id', 'agenda_item_id'])
    .where('meeting_id', '=', meetingId)
    .orderBy('seq')
    .execute();
}
