/**
 * Situation steps taken in the room, from the meeting screen: the filter-2 decision, an agency's
 * involvement, the lead and assisting agencies, the conclusion. Each runs the situation's own step
 * (situation-steps.ts, with its own checks, If-Match on the SITUATION and audit event) inside a
 * transaction that also stamps it with the meeting (meeting_decision), marks the agenda item
 * discussed and records the meeting event: all of it commits, or none of it.
 *
 * The meeting must be visible to the caller (404 otherwise), open (409 MEETING_NOT_OPEN) and have
 * the situation on its agenda (404). Running the meeting is not required: who may take each step
 * is the step's own rule (the chair decides, assigns and concludes; an agency present declares
 * its involvement).
 */
import type { Actor } from '@fourfold/shared/access-policy';
import type { MeetingDecisionRequest } from '@fourfold/shared/meetings';
import type { AssignmentRequest, CloseRequest, Situation } from '@fourfold/shared/situations';
import type { Kysely, Transaction } from 'kysely';
import type { DB, MeetingDecisionKind } from '../../db/schema';
import { AppError, notFound } from '../../lib/errors';
import type { SituationSteps } from '../situations/situation-steps';
import type { WriteContext } from '../situations/situation-writes';
import { loadMeeting, requireMeetingsVisible } from './meeting-access';
import { recordMeetingEventIn } from '../meeting-events/meeting-events';
import * as repo from './meetings.repository';

export type MeetingRoomDeps = {
  db: Kysely<DB>;
  steps: Pick<SituationSteps, 'decideIn' | 'declareInvolvementIn' | 'assignIn' | 'closeIn'>;
};

type Stamp = Omit<
  Parameters<typeof repo.insertDecision>[1],
  'meetingId' | 'situationId' | 'decidedBy'
> & {
  kind: MeetingDecisionKind;
};

export function createMeetingRoomService({ db, steps }: MeetingRoomDeps) {
  /**
   * Runs `step` in a transaction with the meeting checked and locked (shared: steps in one
   * meeting may run side by side, but not while it closes), then stamps the decision.
   */
  function inRoom(
    actor: Actor,
    meetingId: string,
    situationId: string,
    step: (
      trx: Transaction<DB>,
      meeting: { id: string },
    ) => Promise<{ situation: Situation; stamp: Stamp }>,
  ): Promise<Situation> {
    return db.transaction().execute(async (trx) => {
      const loaded = await loadMeeting(trx, meetingId, { lock: 'share' });
      requireMeetingsVisible(actor, loaded.subject);
      if (loaded.row.status !== 'open') {
        throw new AppError('MEETING_NOT_OPEN', `The meeting is ${loaded.row.status}, not open.`);
      }
      const item = await repo.agendaItemOf(trx, meetingId, situationId);
      if (!item) throw notFound('The situation is not on this meeting’s agenda.');
      const { situation, stamp } = await step(trx, { id: meetingId });
      await repo.insertDecision(trx, {
        ...stamp,
        meetingId,
        situationId,
        decidedBy: actor.userId,
      });
      await repo.markDiscussed(trx, item.id);
      await recordMeetingEventIn(trx, {
        meetingId,
        kind: 'decision.recorded',
        situationId,
        agendaItemId: item.id,
      });
      return situation;
    });
  }

  return {
    /** The filter-2 decision: the agencies present are the meeting's attendance. */
    decide(
      actor: Actor,
      meetingId: string,
      situationId: string,
      body: MeetingDecisionRequest,
      ctx: WriteContext,
    ) {
      return inRoom(actor, meetingId, situationId, async (trx, meeting) => {
        const agenciesPresent = await repo.presentAgencies(trx, meeting.id);
        if (agenciesPresent.length === 0) {
          throw new AppError(
            'ATTENDANCE_REQUIRED',
            'Record which agencies are present before the table decides.',
          );
        }
        const situation = await steps.decideIn(
          trx,
          actor,
          situationId,
          {
            outcome: body.outcome,
            ...(body.rejectionReason !== undefined
              ? { rejectionReason: body.rejectionReason }
              : {}),
            agenciesPresent,
          },
          ctx,
        );
        return {
          situation,
          stamp: { kind: body.outcome, rejectionReason: body.rejectionReason ?? null },
        };
      });
    },

    declareInvolvement(
      actor: Actor,
      meetingId: string,
      situationId: string,
      involved: boolean,
      ctx: WriteContext,
    ) {
      return inRoom(actor, meetingId, situationId, async (trx) => ({
        situation: await steps.declareInvolvementIn(trx, actor, situationId, involved, ctx),
        stamp: { kind: 'involvement', agencyId: actor.agencyId, involved },
      }));
    },

    assign(
      actor: Actor,
      meetingId: string,
      situationId: string,
      body: AssignmentRequest,
      ctx: WriteContext,
    ) {
      return inRoom(actor, meetingId, situationId, async (trx) => ({
        situation: await steps.assignIn(trx, actor, situationId, body, ctx),
        stamp: {
          kind: 'assigned',
          leadAgencyId: body.leadAgencyId,
          assistingAgencyIds: [...body.assistingAgencyIds],
        },
      }));
    },

    conclude(
      actor: Actor,
      meetingId: string,
      situationId: string,
      body: CloseRequest,
      ctx: WriteContext,
    ) {
      return inRoom(actor, meetingId, situationId, async (trx) => ({
        situation: await steps.closeIn(trx, actor, situationId, body, ctx),
        stamp: {
          kind: 'concluded',
          conclusionReason: body.conclusion,
          noContactReason: body.noContactReason ?? null,
        },
      }));
    },
  };
}

export type MeetingRoomService = ReturnType<typeof createMeetingRoomService>;
