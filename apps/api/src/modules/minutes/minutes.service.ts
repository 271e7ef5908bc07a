/**
 * The minutes of a meeting: generated from attendance, decisions, report-backs and action items
 * while a draft (so they follow the meeting until approved), then frozen by the chair with the
 * SHA-256 of their canonical JSON, so any later change to the stored copy would show.
 *
 * Access: anyone with `meeting.view` on the meeting's table reads the same minutes (they hold
 * nothing a member of the table may not see de-identified); a meeting of a table the person may
 * not view answers 404 as if missing. Approval needs `meeting.run` (403 for a member without it).
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Kysely, Transaction } from 'kysely';
import { isOverdue } from '@fourfold/shared/action-items';
import type { Actor, TableSubject } from '@fourfold/shared/access-policy';
import { staffRefOf } from '@fourfold/shared/admin';
import {
  meetingMinutesSchema,
  minutesContentSchema,
  minutesFileName,
  type MeetingMinutes,
  type MinutesContent,
  type MinutesItem,
} from '@fourfold/shared/minutes';
import type { DB } from '../../db/schema';
import { authorize, roleOn } from '../../lib/access';
import { AppError, notFound } from '../../lib/errors';
import { iso } from '../../lib/iso';
import { recordAudit } from '../audit/audit.service';
import { recordMeetingEventIn } from '../meeting-events/meeting-events';
import { getTaxonomy } from '../taxonomy/taxonomy.service';
import { renderMinutesPdf, type PdfLanguage } from './minutes-pdf';
import * as repo from './minutes.repository';

export type RequestContext = { requestId: string };

/** SHA-256 (hex) of the RFC 8785 canonical JSON: jsonb reorders keys, so plain JSON would drift. */
export function minutesSha256(content: MinutesContent): string {
  const canonical = canonicalize(content);
  if (canonical === undefined) throw new Error('minutes content is not serialisable');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** Generates the minutes as they stand now, from the de-identified reads of the repository. */
export async function generateMinutes(
  db: Kysely<DB> | Transaction<DB>,
  meeting: repo.MeetingRow,
  now: Date = new Date(),
): Promise<MinutesContent> {
  const [attendance, agenda, decisions, reportBacks] = await Promise.all([
    repo.attendance(db, meeting.id),
    repo.agendaItems(db, meeting.id),
    repo.decisions(db, meeting.id),
    repo.reportBacks(db, meeting.id),
  ]);
  const situationIds = agenda.map((item) => item.situation_id);
  const [actionItems, assistingNames] = await Promise.all([
    repo.actionItems(db, meeting.id, situationIds),
    repo.agencyNames(
      db,
      decisions.flatMap((d) => d.assisting_agency_ids),
    ),
  ]);
  const agencyRef = (id: string | null, name: string | null) => (id && name ? { id, name } : null);

  const items: MinutesItem[] = agenda.map((item) => ({
    position: item.position,
    section: item.section,
    reference: item.reference,
    stageAtOpening: item.stage_at_opening,
    stage: item.stage,
    decisions: decisions
      .filter((d) => d.situation_id === item.situation_id)
      .map((d) => ({
        kind: d.kind,
        agency: agencyRef(d.agency_id, d.agency_name),
        involved: d.involved,
        rejectionReason: d.rejection_reason,
        conclusion: d.conclusion_reason,
        ...(d.no_contact_reason ? { noContactReason: d.no_contact_reason } : {}),
        leadAgency: agencyRef(d.lead_agency_id, d.lead_agency_name),
        assistingAgencies: d.assisting_agency_ids.map((id) => ({
          id,
          name: assistingNames.get(id) ?? '—',
        })),
        decidedAt: iso(d.decided_at),
        decidedBy: staffRefOf(d.decided_by, d.decided_by_name),
      })),
    reportBacks: reportBacks
      .filter((rb) => rb.situation_id === item.situation_id)
      .map((rb) => ({
        agency: { id: rb.agency_id, name: rb.agency_name },
        statusUpdate: rb.status_update,
        createdAt: iso(rb.created_at),
      })),
    actionItems: actionItems
      .filter((ai) => ai.situation_id === item.situation_id)
      .map((ai) => {
        const dueAt = iso(ai.due_at);
        return {
          ownerAgency: { id: ai.owner_agency_id, name: ai.owner_agency_name },
          kind: ai.kind,
          description: ai.description,
          dueAt,
          status: ai.status,
          overdue: isOverdue({ status: ai.status, dueAt }, now),
          agreedInMeeting: ai.created_in_meeting_id === meeting.id,
        };
      }),
  }));

  // Parsed through the schema, so only declared fields can ever be stored or answered.
  return minutesContentSchema.parse({
    meeting: {
      id: meeting.id,
      tableId: meeting.table_id,
      tableName: meeting.table_name,
      municipality: meeting.municipality,
      referencePrefix: meeting.reference_prefix,
      timeZone: meeting.time_zone,
      status: meeting.status,
      scheduledFor: iso(meeting.scheduled_for),
      openedAt: meeting.opened_at ? iso(meeting.opened_at) : null,
      openedBy: staffRefOf(meeting.opened_by, meeting.opened_by_name),
      closedAt: meeting.closed_at ? iso(meeting.closed_at) : null,
      closedBy: staffRefOf(meeting.closed_by, meeting.closed_by_name),
    },
    attendance: attendance.map((row) => ({
      agency: { id: row.agency_id, name: row.agency_name },
      sector: row.sector,
      status: row.status,
      representative: staffRefOf(row.representative_user_id, row.representative_name),
    })),
    items,
    generatedAt: now.toISOString(),
  });
}

/** The meeting's date (YYYY-MM-DD) in the table's zone, for the file name. */
function meetingDate(content: MinutesContent): string {
  try {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone: content.meeting.timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date(content.meeting.scheduledFor));
  } catch {
    return content.meeting.scheduledFor.slice(0, 10);
  }
}

export function createMinutesService({ db }: { db: Kysely<DB> }) {
  /** The meeting, if the person may view meetings of its table (404 otherwise). */
  async function loadViewable(actor: Actor, meetingId: string) {
    const meeting = await repo.findMeeting(db, meetingId);
    if (!meeting || !meeting.table_active) throw notFound();
    const subject: TableSubject = {
      kind: 'table',
      tableId: meeting.table_id,
      requiresSecondFactor: meeting.requires_second_factor,
    };
    authorize(actor, 'meeting.view', subject);
    return { meeting, subject };
  }

  async function minutesOf(meeting: repo.MeetingRow): Promise<MeetingMinutes> {
    const approved = await repo.findApproved(db, meeting.id);
    if (approved) {
      return meetingMinutesSchema.parse({
        meetingId: meeting.id,
        status: 'approved',
        approvedAt: iso(approved.approved_at),
        approvedBy: staffRefOf(approved.approved_by, approved.approved_by_name),
        contentSha256: approved.content_sha256,
        content: approved.content,
      });
    }
    return {
      meetingId: meeting.id,
      status: 'draft',
      approvedAt: null,
      approvedBy: null,
      contentSha256: null,
      content: await generateMinutes(db, meeting),
    };
  }

  return {
    async view(actor: Actor, meetingId: string): Promise<MeetingMinutes> {
      const { meeting } = await loadViewable(actor, meetingId);
      return minutesOf(meeting);
    },

    /**
     * Freezes the minutes of a closed meeting, once. The content is generated inside the
     * transaction that holds the meeting's row lock, so it is exactly what was hashed and stored.
     */
    async approve(actor: Actor, meetingId: string, ctx: RequestContext): Promise<MeetingMinutes> {
      const { meeting, subject } = await loadViewable(actor, meetingId);
      authorize(actor, 'meeting.run', subject);
      await db.transaction().execute(async (trx) => {
        const locked = await repo.lockMeeting(trx, meetingId);
        if (!locked) throw notFound();
        if (await repo.findApproved(trx, meetingId)) {
          throw new AppError('MINUTES_ALREADY_APPROVED');
        }
        if (locked.status !== 'closed') {
          throw new AppError(
            'INVALID_TRANSITION',
            'The minutes can be approved once the meeting is closed.',
          );
        }
        const current = await repo.findMeeting(trx, meetingId);
        if (!current) throw notFound();
        const content = await generateMinutes(trx, current);
        const stored = await repo.insertApproved(trx, {
          meetingId,
          content: JSON.stringify(content),
          sha256: minutesSha256(content),
          approvedBy: actor.userId,
        });
        if (!stored) throw new AppError('MINUTES_ALREADY_APPROVED');
        await repo.bumpMeetingVersion(trx, meetingId);
        await recordAudit(trx, {
          action: 'meeting.minutes.approve',
          dataCategory: 'de_identified',
          outcome: 'allowed',
          userId: actor.userId,
          agencyId: actor.agencyId,
          role: roleOn(actor, meeting.table_id),
          tableId: meeting.table_id,
          requestId: ctx.requestId,
          target: `meeting:${meetingId}`,
        });
        await recordMeetingEventIn(trx, { meetingId, kind: 'minutes.approved' });
      });
      return minutesOf(meeting);
    },

    /** The minutes as a PDF in the language asked for; every download is audited. */
    async pdf(
      actor: Actor,
      meetingId: string,
      language: PdfLanguage,
      ctx: RequestContext,
    ): Promise<{ fileName: string; body: Buffer }> {
      const { meeting } = await loadViewable(actor, meetingId);
      const minutes = await minutesOf(meeting);
      const body = await renderMinutesPdf(minutes, await getTaxonomy(db), language);
      await recordAudit(db, {
        action: 'meeting.minutes.download',
        dataCategory: 'de_identified',
        outcome: 'allowed',
        userId: actor.userId,
        agencyId: actor.agencyId,
        role: roleOn(actor, meeting.table_id),
        tableId: meeting.table_id,
        requestId: ctx.requestId,
        target: `meeting:${meetingId}`,
      });
      return {
        fileName: minutesFileName(
          minutes.content.meeting.referencePrefix,
          meetingDate(minutes.content),
        ),
        body,
      };
    },
  };
}

export type MinutesService = ReturnType<typeof createMinutesService>;
