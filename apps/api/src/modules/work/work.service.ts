/**
 * The work home (GET /api/me/work): for each table where the person is a member, what waits for
 * them there, by their role (see packages/shared/src/work.ts). Every situation listed passes the
 * access policy for this person with its full subject (stage, originating, present, lead and
 * assisting agencies), not only the query's filter; the sections are cut from one read of the
 * table's open situations with the shared rules (the first-contact clock, the agenda's "ready to
 * close"). Meetings, memberships and the audit log are read through their own modules' services.
 */
import {
  decide,
  type Actor,
  type Permission,
  type Role,
  type SituationSubject,
  type TableSubject,
} from '@fourfold/shared/access-policy';
import { firstContactClock } from '@fourfold/shared/first-contact-clock';
import type { MeetingSummary } from '@fourfold/shared/meetings';
import {
  WORK_IDENTITY_VIEWS_LIMIT,
  WORK_SECTION_LIMIT,
  type TableWork,
  type WorkAccess,
  type WorkHome,
  type WorkSituationSection,
} from '@fourfold/shared/work';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { toSituationListItem } from '../../db/situation-list-item';
import { iso } from '../../lib/iso';
import { searchAuditEvents } from '../audit/audit.service';
import { situationsReadyToClose, type MeetingsService } from '../meetings/meetings.service';
import type { MembershipsService } from '../memberships/memberships.service';
import { findTables, type TableRow } from '../tables/tables.service';
import * as repo from './work.repository';

export type WorkServiceDeps = {
  db: Kysely<DB>;
  meetings: Pick<MeetingsService, 'listMine'>;
  memberships: Pick<MembershipsService, 'review'>;
};

export type WorkContext = { actor: Actor; requestId: string };

const DAY = 24 * 3_600_000;
/** How far ahead the next meeting is looked for. */
const NEXT_MEETING_WITHIN_MS = 31 * DAY;
/** Since when a meeting still counts as "next": one scheduled this morning and not yet opened. */
const NEXT_MEETING_SINCE_MS = 12 * 3_600_000;

/** The permission whose gates (second factor, agreement) decide whether a role's work shows. */
const gatePermission: Record<Role, Permission> = {
  coordinator: 'situation.viewDeidentified',
  agency_rep: 'situation.viewDeidentified',
  privacy_officer: 'audit.read',
  analyst: 'statistics.read',
};

type Situation = {
  row: repo.OpenSituationRow;
  subject: SituationSubject;
  present: Map<string, boolean | null>;
};

function section(list: readonly Situation[]): WorkSituationSection {
  return {
    total: list.length,
    items: list.slice(0, WORK_SECTION_LIMIT).map(({ row }) => toSituationListItem(row)),
  };
}

const time = (value: Date | string | null) =>
  value === null ? Number.POSITIVE_INFINITY : new Date(value).getTime();
const by =
  (key: (s: Situation) => number, direction: 1 | -1 = 1) =>
  (a: Situation, b: Situation) =>
    (key(a) - key(b)) * direction || a.row.reference.localeCompare(b.row.reference);

/** Open clocks first, soonest due first; then those whose first contact is made. */
const byClock = (a: Situation, b: Situation) =>
  Number(a.row.first_contact_at !== null) - Number(b.row.first_contact_at !== null) ||
  by((s) => time(s.row.first_contact_due_at))(a, b);

function clockOf(s: Situation, now: Date) {
  return firstContactClock(
    {
      firstContactDueAt: s.row.first_contact_due_at ? iso(s.row.first_contact_due_at) : null,
      firstContactAt: s.row.first_contact_at ? iso(s.row.first_contact_at) : null,
      closed: false,
    },
    now,
  );
}

export function createWorkService({ db, meetings, memberships }: WorkServiceDeps) {
  /** The table's open situations this person may see, each with its policy subject. */
  async function visibleSituations(actor: Actor, table: TableRow): Promise<Situation[]> {
    const rows = await repo.openSituationsOfTable(db, {
      tableId: table.id,
      draftsOfAgency: actor.agencyId,
    });
    const ids = rows.map((row) => row.id);
    const [present, assisting] = await Promise.all([
      repo.agenciesPresentOf(db, ids),
      repo.assistingAgenciesOf(db, ids),
    ]);
    return rows
      .map((row): Situation => {
        const presentOf = new Map(
          present
            .filter((p) => p.situation_id === row.id)
            .map((p) => [p.agency_id, p.involved] as const),
        );
        return {
          row,
          present: presentOf,
          subject: {
            kind: 'situation',
            tableId: table.id,
            requiresSecondFactor: table.requires_second_factor,
            stage: row.stage,
            originatingAgencyId: row.originating_agency_id,
            agenciesPresent: [...presentOf.keys()],
            leadAgencyId: row.lead_agency_id,
            assistingAgencyIds: assisting
              .filter((a) => a.situation_id === row.id)
              .map((a) => a.agency_id),
          },
        };
      })
      .filter((s) => decide(actor, 'situation.viewDeidentified', s.subject).allowed);
  }

  async function situationWork(
    actor: Actor,
    table: TableRow,
    role: Role,
    now: Date,
  ): Promise<Pick<TableWork, 'situations' | 'decisions'>> {
    const all = await visibleSituations(actor, table);
    const agency = actor.agencyId;
    const at = (stage: SituationSubject['stage']) => all.filter((s) => s.row.stage === stage);
    const ours = (s: Situation) =>
      agency !== null &&
      (s.subject.leadAgencyId === agency || s.subject.assistingAgencyIds.includes(agency));
    const coordinator = role === 'coordinator';

    const situations: TableWork['situations'] = {
      drafts: section(
        at('draft')
          .filter((s) => s.row.originating_agency_id === agency)
          .sort(by((s) => time(s.row.updated_at), -1)),
      ),
      involvement: section(
        at('filter3')
          .filter((s) => agency !== null && s.present.get(agency) === null)
          .sort(by((s) => time(s.row.decided_at))),
      ),
      interventions: section(
        at('filter4')
          .filter((s) => coordinator || ours(s))
          .sort(byClock),
      ),
    };
    if (!coordinator) return { situations, decisions: null };

    const readyToClose = await situationsReadyToClose(db, table.id);
    return {
      situations,
      decisions: {
        presented: section(at('filter2').sort(by((s) => time(s.row.submitted_at)))),
        awaitingAssignment: section(at('filter3').sort(by((s) => time(s.row.decided_at)))),
        firstContactOverdue: section(
          at('filter4')
            .filter((s) => clockOf(s, now)?.state === 'overdue')
            .sort(by((s) => time(s.row.first_contact_due_at))),
        ),
        readyToConclude: section(
          at('filter4')
            .filter((s) => readyToClose.has(s.row.id))
            .sort(by((s) => time(s.row.first_contact_at))),
        ),
      },
    };
  }

  /** The latest identity views on the table, from the audit log (the read is itself audited). */
  async function identityViews(ctx: WorkContext, table: TableRow) {
    const page = await searchAuditEvents(db, ctx, {
      tableId: table.id,
      action: 'situation.identity.view',
      outcome: 'allowed',
      limit: WORK_IDENTITY_VIEWS_LIMIT,
    });
    const references = await repo.referencesOf(
      db,
      table.id,
      page.items.flatMap((event) => (event.situationId ? [event.situationId] : [])),
    );
    return {
      items: page.items.flatMap((event) =>
        event.situationId === null
          ? []
          : [
              {
                at: event.occurredAt,
                viewer: event.user,
                agency: event.agency,
                situationId: event.situationId,
                reference: references.get(event.situationId) ?? null,
              },
            ],
      ),
    };
  }

  /** The meeting in progress of each table, else its next scheduled one. */
  async function nextMeetings(actor: Actor, now: Date): Promise<Map<string, MeetingSummary>> {
    const from = new Date(now.getTime() - NEXT_MEETING_SINCE_MS);
    const list = await meetings.listMine(actor, {
      from: from.toISOString(),
      to: new Date(now.getTime() + NEXT_MEETING_WITHIN_MS).toISOString(),
      limit: 100,
    });
    const next = new Map<string, MeetingSummary>();
    // Soonest first: the first scheduled one of a table is its next, unless one is open.
    for (const meeting of list.items) {
      const current = next.get(meeting.tableId);
      if (!current || (meeting.status === 'open' && current.status !== 'open')) {
        next.set(meeting.tableId, meeting);
      }
    }
    return next;
  }

  return {
    async forPerson(ctx: WorkContext): Promise<WorkHome> {
      const { actor } = ctx;
      // An administrator sits at no table (separation of duties): no work here.
      if (actor.isAdministrator || actor.memberships.length === 0) return { tables: [] };
      const now = new Date();
      const tables = await findTables(
        db,
        actor.memberships.map((m) => m.tableId),
        { activeOnly: true },
      );
      const [meetingsByTable, review] = await Promise.all([
        nextMeetings(actor, now),
        memberships.review({ actor, requestId: ctx.requestId }),
      ]);

      const work: TableWork[] = [];
      for (const table of tables) {
        const role = actor.memberships.find((m) => m.tableId === table.id)!.role;
        const subject: TableSubject = {
          kind: 'table',
          tableId: table.id,
          requiresSecondFactor: table.requires_second_factor,
        };
        const access = accessOf(actor, role, subject);
        const entry: TableWork = {
          table: { id: table.id, name: table.name },
          role,
          access,
          nextMeeting: null,
          situations: null,
          decisions: null,
          pendingMemberships: null,
          identityViews: null,
        };
        work.push(entry);
        if (access !== 'open') continue;
        entry.nextMeeting = meetingsByTable.get(table.id) ?? null;
        if (role === 'coordinator' || role === 'agency_rep') {
          Object.assign(entry, await situationWork(actor, table, role, now));
        }
        if (decide(actor, 'membership.review', subject).allowed) {
          const pending = review.pending.filter((grant) => grant.table.id === table.id);
          entry.pendingMemberships = {
            total: pending.length,
            items: pending.slice(0, WORK_SECTION_LIMIT).map((grant) => ({
              id: grant.id,
              member: { id: grant.member.id, displayName: grant.member.displayName },
              agency: grant.agency,
              role: grant.role,
              requestedAt: grant.requestedAt,
              canConfirm: grant.canConfirm,
            })),
          };
        }
        if (role === 'privacy_officer') entry.identityViews = await identityViews(ctx, table);
      }
      return { tables: work };
    },
  };
}

export type WorkService = ReturnType<typeof createWorkService>;

/** Whether the role's work on the table can show to this session, or what it asks for first. */
function accessOf(actor: Actor, role: Role, subject: TableSubject): WorkAccess {
  const permission = gatePermission[role];
  const decision =
    permission === 'situation.viewDeidentified'
      ? // The probe the situation list uses: a submitted situation of no relation to the person.
        decide(actor, permission, {
          ...subject,
          kind: 'situation',
          stage: 'filter2',
          originatingAgencyId: '',
          agenciesPresent: [],
          leadAgencyId: null,
          assistingAgencyIds: [],
        })
      : decide(actor, permission, subject);
  if (decision.allowed) return 'open';
  return decision.reason === 'second_factor_required' || decision.reason === 'agreement_required'
    ? decision.reason
    : // Not reachable for a confirmed member with this role; shown as nothing to do.
      'open';
}
