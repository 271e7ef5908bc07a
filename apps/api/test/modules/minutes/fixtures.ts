/**
 * A meeting over real situations, for the minutes tests. The meetings routes live in another
 * module, so the meeting, its agenda, attendance, decisions, report-backs and action items are
 * inserted through Kysely here; the situations themselves go through the real API (with an
 * identity and, at filter 4, an intervention note), so the minutes sit beside real personal data.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB, MeetingStatus } from '../../../src/db/schema';
import { createUser, signIn, type SignedIn } from '../../helpers/fixtures';
import {
  NOTE_TEXT,
  SituationClient,
  createCast,
  situationAt,
  type Cast,
} from '../../helpers/situations';

/** The summary every test situation carries (helpers/situations.ts draftBody). */
export const SUMMARY_PHRASE = 'escalating threats at home';
/** An agency name (a unique suffix follows) with every French mark the PDF must render. */
export const ACCENTED_AGENCY = 'Société d’aide à l’enfance « Garçons » — Hôpital Cœur';
export const ACTION_TEXT = 'Joint visit by mental health and housing workers';
export const REPORT_TEXT = 'Contact made; engaged with counselling intake';

export type MinutesWorld = {
  cast: Cast;
  client: SituationClient;
  privacyOfficer: SignedIn;
  meetingId: string;
  /** At filter 4 (identity, note, assignment, action items, a report-back). */
  filter4: { id: string; reference: string };
  /** Rejected in the room. */
  rejected: { id: string; reference: string };
};

async function referenceOf(db: Kysely<DB>, id: string): Promise<string> {
  const row = await db
    .selectFrom('situation')
    .select('reference')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.reference;
}

/** Sets a meeting's status with the timestamps its checks need. */
export async function setMeetingStatus(db: Kysely<DB>, meetingId: string, status: MeetingStatus) {
  const now = new Date();
  await db
    .updateTable('meeting')
    .set({
      status,
      ...(status === 'open' || status === 'closed' ? { opened_at: now } : {}),
      ...(status === 'closed' ? { closed_at: now } : {}),
    })
    .where('id', '=', meetingId)
    .execute();
}

export async function createMinutesWorld(
  app: FastifyInstance,
  db: Kysely<DB>,
  options: { status?: MeetingStatus } = {},
): Promise<MinutesWorld> {
  const cast = await createCast(app, db);
  const client = new SituationClient(app, db, cast);
  await db
    .updateTable('agency')
    .set({ name: `${ACCENTED_AGENCY} ${randomUUID().slice(0, 6)}` })
    .where('id', '=', cast.agencies.lead)
    .execute();
  const officer = await createUser(db, {
    agencyId: cast.agencies.chair,
    memberships: [{ tableId: cast.tableId, role: 'privacy_officer' }],
  });
  const privacyOfficer = await signIn(app, officer.email);

  const filter4Id = await situationAt(client, cast, 'filter4');
  const note = await client.write('lead', 'POST', filter4Id, '/notes', { body: NOTE_TEXT });
  if (note.statusCode !== 201) throw new Error(`note: ${note.statusCode} ${note.body}`);
  const rejectedId = await situationAt(client, cast, 'rejected');

  const chair = cast.users.coordinator.id;
  const now = Date.now();
  const meeting = await db
    .insertInto('meeting')
    .values({
      table_id: cast.tableId,
      scheduled_for: new Date(now - 3_600_000),
      created_by: chair,
      status: 'open',
      opened_at: new Date(now - 3_500_000),
      opened_by: chair,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const meetingId = meeting.id;
  await db
    .insertInto('meeting_agenda_item')
    .values([
      {
        meeting_id: meetingId,
        situation_id: filter4Id,
        section: 'report_back',
        position: 0,
        stage_at_opening: 'filter4',
      },
      {
        meeting_id: meetingId,
        situation_id: rejectedId,
        section: 'new',
        position: 1,
        stage_at_opening: 'filter2',
      },
    ])
    .execute();
  await db
    .insertInto('meeting_attendance')
    .values([
      {
        meeting_id: meetingId,
        agency_id: cast.agencies.lead,
        status: 'present',
        representative_user_id: cast.users.lead.id,
        recorded_by: chair,
      },
      {
        meeting_id: meetingId,
        agency_id: cast.agencies.assisting,
        status: 'apologies',
        recorded_by: chair,
      },
    ])
    .execute();
  await db
    .insertInto('meeting_decision')
    .values([
      {
        meeting_id: meetingId,
        situation_id: rejectedId,
        kind: 'rejected',
        rejection_reason: 'single_agency',
        decided_by: chair,
      },
      {
        meeting_id: meetingId,
        situation_id: filter4Id,
        kind: 'report_back',
        agency_id: cast.agencies.lead,
        decided_by: chair,
      },
    ])
    .execute();
  await db
    .insertInto('report_back')
    .values({
      situation_id: filter4Id,
      agency_id: cast.agencies.lead,
      meeting_id: meetingId,
      status_update: REPORT_TEXT,
      created_by: cast.users.lead.id,
    })
    .execute();
  await db
    .insertInto('action_item')
    .values([
      {
        situation_id: filter4Id,
        table_id: cast.tableId,
        owner_agency_id: cast.agencies.lead,
        kind: 'task',
        description: ACTION_TEXT,
        due_at: new Date(now + 86_400_000),
        created_by: chair,
        created_in_meeting_id: meetingId,
      },
    ])
    .execute();
  // The first contact the assignment opened (one per situation, no description): outstanding from
  // before the meeting, and late.
  await db
    .updateTable('action_item')
    .set({ due_at: new Date(now - 86_400_000) })
    .where('situation_id', '=', filter4Id)
    .where('kind', '=', 'first_contact')
    .executeTakeFirstOrThrow();
  if (options.status && options.status !== 'open') {
    await setMeetingStatus(db, meetingId, options.status);
  }
  return {
    cast,
    client,
    privacyOfficer,
    meetingId,
    filter4: { id: filter4Id, reference: await referenceOf(db, filter4Id) },
    rejected: { id: rejectedId, reference: await referenceOf(db, rejectedId) },
  };
}
