import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetingMinutesSchema, type MeetingMinutes } from '@fourfold/shared/minutes';
import { minutesSha256 } from '../../../src/modules/minutes/minutes.service';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';
import { NOTE_TEXT, PERSONAL_VALUES, type Who } from '../../helpers/situations';
import {
  ACCENTED_AGENCY,
  ACTION_TEXT,
  REPORT_TEXT,
  SUMMARY_PHRASE,
  createMinutesWorld,
  setMeetingStatus,
  type MinutesWorld,
} from './fixtures';

/** Nothing that names the person, their summary or the intervention notes may appear. */
const FORBIDDEN = [...PERSONAL_VALUES, NOTE_TEXT, SUMMARY_PHRASE, 'side door'];

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => closeTestApp(t));

function get(world: MinutesWorld, who: Who, url: string) {
  return world.client.get(who, url);
}

function approve(world: MinutesWorld, who: Who) {
  return world.client.call(who, 'POST', `/api/meetings/${world.meetingId}/minutes/approve`);
}

async function pdfText(res: LightMyRequestResponse): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(res.rawPayload));
  const { text } = await extractText(pdf, { mergePages: true });
  // Lines wrap where the page ends, not where a phrase does: compare with spaces only.
  return text.replace(/\s+/g, ' ');
}

async function auditCount(action: string, tableId: string): Promise<number> {
  const row = await t.database.db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('action', '=', action)
    .where('table_id', '=', tableId)
    .where('outcome', '=', 'allowed')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('GET /api/meetings/:id/minutes', () => {
  let world: MinutesWorld;
  beforeAll(async () => {
    world = await createMinutesWorld(t.app, t.database.db);
  });

  it('lists attendance, items in agenda order, decisions, report-backs and action items', async () => {
    const res = await get(world, 'coordinator', `/api/meetings/${world.meetingId}/minutes`);
    expect(res.statusCode).toBe(200);
    const minutes = res.json() as MeetingMinutes;
    expect(meetingMinutesSchema.safeParse(minutes).success).toBe(true);
    expect(minutes).toMatchObject({ status: 'draft', approvedAt: null, contentSha256: null });
    expect(minutes.content.attendance.map((a) => [a.agency.name, a.status])).toEqual(
      expect.arrayContaining([
        [expect.stringContaining(ACCENTED_AGENCY), 'present'],
        [expect.any(String), 'apologies'],
      ]),
    );
    const [first, second] = minutes.content.items;
    expect(first).toMatchObject({
      reference: world.filter4.reference,
      section: 'report_back',
      stage: 'filter4',
    });
    expect(first?.reportBacks).toEqual([
      expect.objectContaining({ statusUpdate: REPORT_TEXT, agency: expect.anything() }),
    ]);
    expect(
      first?.actionItems.map((a) => [a.kind, a.description, a.agreedInMeeting, a.overdue]),
    ).toEqual([
      // Opened by the assignment, with no description of its own.
      ['first_contact', null, false, true],
      ['task', ACTION_TEXT, true, false],
    ]);
    expect(second).toMatchObject({ reference: world.rejected.reference, stage: 'rejected' });
    expect(second?.decisions).toEqual([
      expect.objectContaining({ kind: 'rejected', rejectionReason: 'single_agency' }),
    ]);
  });

  it('holds none of the identities, summaries or notes of the situations', async () => {
    const res = await get(world, 'coordinator', `/api/meetings/${world.meetingId}/minutes`);
    expect(res.statusCode).toBe(200);
    for (const value of FORBIDDEN) expect(res.body).not.toContain(value);
  });

  it('is the same record for every person who may view the meeting', async () => {
    const strip = (res: LightMyRequestResponse) => {
      const minutes = res.json() as MeetingMinutes;
      return { ...minutes, content: { ...minutes.content, generatedAt: '' } };
    };
    const url = `/api/meetings/${world.meetingId}/minutes`;
    const chair = strip(await get(world, 'coordinator', url));
    const uninvolved = await get(world, 'uninvolved', url);
    const officer = await world.client.get(world.privacyOfficer, url);
    expect(uninvolved.statusCode).toBe(200);
    expect(officer.statusCode).toBe(200);
    expect(strip(uninvolved)).toEqual(chair);
    expect(strip(officer)).toEqual(chair);
  });

  it.each(['analyst', 'outsider'] as const)('answers 404 to the %s', async (who) => {
    for (const url of [
      `/api/meetings/${world.meetingId}/minutes`,
      `/api/meetings/${world.meetingId}/minutes.pdf`,
    ]) {
      const res = await get(world, who, url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await approve(world, who)).statusCode).toBe(404);
  });

  it('answers 404 for a meeting that does not exist and 400 for a bad id', async () => {
    const missing = await get(world, 'coordinator', `/api/meetings/${randomUUID()}/minutes`);
    expect(missing.statusCode).toBe(404);
    const bad = await get(world, 'coordinator', '/api/meetings/not-an-id/minutes');
    expect(bad.statusCode).toBe(400);
    const lang = await get(
      world,
      'coordinator',
      `/api/meetings/${world.meetingId}/minutes.pdf?lang=de`,
    );
    expect(lang.statusCode).toBe(400);
  });

  it('answers 401 without a session', async () => {
    const res = await world.client.get(null, `/api/meetings/${world.meetingId}/minutes`);
    expect(res.statusCode).toBe(401);
  });
});

describe('GET /api/meetings/:id/minutes.pdf', () => {
  let world: MinutesWorld;
  beforeAll(async () => {
    world = await createMinutesWorld(t.app, t.database.db);
  });

  it('is a PDF marked as a draft, with references and without personal data, and audited', async () => {
    const before = await auditCount('meeting.minutes.download', world.cast.tableId);
    const res = await get(world, 'coordinator', `/api/meetings/${world.meetingId}/minutes.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="minutes-[A-Z]{4}-\d{4}-\d{2}-\d{2}\.pdf"$/,
    );
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(res);
    expect(text).toContain(world.filter4.reference);
    expect(text).toContain(world.rejected.reference);
    expect(text).toContain('DRAFT — not approved');
    expect(text).toContain('Page 1 of');
    expect(text).toContain(ACTION_TEXT);
    expect(text).toContain('Attendance');
    for (const value of FORBIDDEN) expect(text).not.toContain(value);
    expect(await auditCount('meeting.minutes.download', world.cast.tableId)).toBe(before + 1);
  });

  it('renders French accents and typographic marks', async () => {
    const res = await get(world, 'present', `/api/meetings/${world.meetingId}/minutes.pdf?lang=fr`);
    expect(res.statusCode).toBe(200);
    const text = await pdfText(res);
    expect(text).toContain('Procès-verbal de la réunion');
    expect(text).toContain('ÉBAUCHE — non approuvé');
    expect(text).toContain(ACCENTED_AGENCY);
    for (const mark of ['é', 'è', 'à', 'ç', 'ô', 'œ', '’', '«', '»']) expect(text).toContain(mark);
  });

  it('numbers every page of a long meeting, with no blank page', async () => {
    await t.database.db
      .insertInto('action_item')
      .values(
        Array.from({ length: 60 }, (_, index) => ({
          situation_id: world.filter4.id,
          table_id: world.cast.tableId,
          owner_agency_id: world.cast.agencies.assisting,
          kind: 'task' as const,
          description: `Follow-up task number ${index + 1}`,
          due_at: new Date(Date.now() + (index + 2) * 86_400_000),
          created_by: world.cast.users.coordinator.id,
        })),
      )
      .execute();
    const res = await get(world, 'coordinator', `/api/meetings/${world.meetingId}/minutes.pdf`);
    expect(res.statusCode).toBe(200);
    const pdf = await getDocumentProxy(new Uint8Array(res.rawPayload));
    expect(pdf.numPages).toBeGreaterThan(1);
    const { text } = await extractText(pdf, { mergePages: false });
    text.forEach((pageText, index) => {
      expect(pageText).toContain(`Page ${index + 1} of ${pdf.numPages}`);
      expect(pageText).toContain('DRAFT — not approved');
      // More than the footer: writing the footer must not have pushed text onto a new page.
      expect(pageText.length, `page ${index + 1}`).toBeGreaterThan(120);
    });
    expect(text.join(' ')).toContain('Follow-up task number 60');
  });

  it('gives the first contact no text of its own, and says when a task description was destroyed', async () => {
    // The first contact has no description (the assignment opens it so); the task's was destroyed.
    await t.database.db
      .updateTable('action_item')
      .set({ description: null })
      .where('situation_id', '=', world.filter4.id)
      .where('description', '=', ACTION_TEXT)
      .executeTakeFirstOrThrow();
    const res = await get(world, 'coordinator', `/api/meetings/${world.meetingId}/minutes.pdf`);
    expect(res.statusCode).toBe(200);
    const text = await pdfText(res);
    expect(text).toMatch(/• First contact — [^:•]+ \(due /);
    expect(text).toMatch(
      /• Task — [^:•]+: \(text destroyed with the situation’s other free text\)/,
    );
    expect(text.match(/text destroyed/g)).toHaveLength(1);
  });
});

describe('POST /api/meetings/:id/minutes/approve', () => {
  let world: MinutesWorld;
  beforeAll(async () => {
    world = await createMinutesWorld(t.app, t.database.db);
  });

  it('refuses while the meeting is open (409) and a representative (404, as every chair-only step)', async () => {
    const open = await approve(world, 'coordinator');
    expect(open.statusCode).toBe(409);
    expect(open.json().code).toBe('INVALID_TRANSITION');
    await setMeetingStatus(t.database.db, world.meetingId, 'closed');
    const rep = await approve(world, 'lead');
    expect(rep.statusCode).toBe(404);
    const stored = await t.database.db
      .selectFrom('meeting_minutes')
      .select('meeting_id')
      .where('meeting_id', '=', world.meetingId)
      .execute();
    expect(stored).toEqual([]);
  });

  it('freezes the minutes with their SHA-256, audits it and tells the meeting screens', async () => {
    await setMeetingStatus(t.database.db, world.meetingId, 'closed');
    const before = await auditCount('meeting.minutes.approve', world.cast.tableId);
    const res = await approve(world, 'coordinator');
    expect(res.statusCode).toBe(200);
    const approved = res.json() as MeetingMinutes;
    expect(approved).toMatchObject({
      status: 'approved',
      approvedBy: { id: world.cast.users.coordinator.id },
    });
    expect(approved.contentSha256).toBe(minutesSha256(approved.content));
    expect(await auditCount('meeting.minutes.approve', world.cast.tableId)).toBe(before + 1);
    const events = await t.database.db
      .selectFrom('meeting_event')
      .select('kind')
      .where('meeting_id', '=', world.meetingId)
      .execute();
    expect(events.map((e) => e.kind)).toContain('minutes.approved');

    // Later changes to the situation and its action items leave the approved minutes as they were.
    const db = t.database.db;
    await db
      .updateTable('action_item')
      .set({ description: 'Changed after approval', status: 'done' })
      .where('situation_id', '=', world.filter4.id)
      .execute();
    await db
      .updateTable('situation')
      .set({ stage: 'closed', conclusion_reason: 'lowered_connected', closed_at: new Date() })
      .where('id', '=', world.filter4.id)
      .execute();
    const later = await get(world, 'uninvolved', `/api/meetings/${world.meetingId}/minutes`);
    expect(later.statusCode).toBe(200);
    expect(later.json()).toEqual(approved);
    expect(later.body).not.toContain('Changed after approval');

    const pdf = await get(world, 'coordinator', `/api/meetings/${world.meetingId}/minutes.pdf`);
    const text = await pdfText(pdf);
    expect(text).toContain(`SHA-256: ${approved.contentSha256}`);
    expect(text).not.toContain('DRAFT');
    for (const value of FORBIDDEN) expect(text).not.toContain(value);
  });

  it('approves only once (409 MINUTES_ALREADY_APPROVED)', async () => {
    const again = await approve(world, 'coordinator');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('MINUTES_ALREADY_APPROVED');
  });
});

describe('the minutes repository', () => {
  it('never names the tables or columns that hold identity, summaries or notes', async () => {
    const { readFile } = await import('node:fs/promises');
    const source = await readFile(
      new URL('../../../src/modules/minutes/minutes.repository.ts', import.meta.url),
      'utf8',
    );
    // The doc comment names them once, to say they are never read; the code must not.
    const code = source.replace(/\/\*\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    for (const name of ['summary', 'situation_identity', 'intervention_note', 'selectAll']) {
      expect(code).not.toContain(name);
    }
  });
});

describe('a conclusion without first contact in the minutes', () => {
  let world: MinutesWorld;
  beforeAll(async () => {
    world = await createMinutesWorld(t.app, t.database.db);
    await t.database.db
      .insertInto('meeting_decision')
      .values({
        meeting_id: world.meetingId,
        situation_id: world.filter4.id,
        kind: 'concluded',
        conclusion_reason: 'still_unable_to_locate',
        no_contact_reason: 'unable_to_locate',
        decided_by: world.cast.users.coordinator.id,
      })
      .execute();
  });

  it('gives the no-contact reason beside the conclusion, and only there', async () => {
    const res = await get(world, 'coordinator', `/api/meetings/${world.meetingId}/minutes`);
    expect(res.statusCode).toBe(200);
    const minutes = meetingMinutesSchema.parse(res.json());
    const decisions = minutes.content.items.flatMap((item) => item.decisions);
    expect(decisions.find((d) => d.kind === 'concluded')).toMatchObject({
      conclusion: 'still_unable_to_locate',
      noContactReason: 'unable_to_locate',
    });
    // Absent, not null, elsewhere: minutes approved before the field existed keep their digest.
    expect(decisions.filter((d) => 'noContactReason' in d)).toHaveLength(1);

    const pdf = await get(world, 'coordinator', `/api/meetings/${world.meetingId}/minutes.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(await pdfText(pdf)).toContain(
      'Concluded: Still acutely elevated – unable to locate; no first contact: Person could not be located',
    );
  });
});
