/**
 * Which step the meeting screen offers for an agenda item: the situation's stage (the state
 * machine) and the person's permission (the shared access policy), decided exactly as the
 * situation page decides (situation-subject.ts), and only while the meeting is open — a step in
 * the room is stamped with the meeting. The API enforces the same rules on every call.
 */
import { can, type Actor } from '@fourfold/shared/access-policy';
import type { MeetingStatus } from '@fourfold/shared/meetings';
import type { Situation } from '@fourfold/shared/situations';
import { situationActionsFor, situationSubjectOf } from '../../situations/utils/situation-subject';

export type InRoomSteps = {
  /** Filter 2, the chair: accept or reject. */
  decide: boolean;
  /** Filter 3, an agency present at the decision: does it already know the person? */
  declareInvolvement: boolean;
  /** Filter 3, the chair: lead and assisting agencies. */
  assign: boolean;
  /** Filter 4: the intervention plan (action items); the panel offers changes to those allowed. */
  work: boolean;
  /** Filters 3–4: what the agencies tell the room. */
  reportBack: boolean;
  /** Filter 4, the chair: the conclusion. */
  conclude: boolean;
};

export const noSteps: InRoomSteps = {
  decide: false,
  declareInvolvement: false,
  assign: false,
  work: false,
  reportBack: false,
  conclude: false,
};

export function inRoomStepsFor(
  actor: Actor,
  situation: Situation,
  meetingStatus: MeetingStatus,
): InRoomSteps {
  if (meetingStatus !== 'open') return noSteps;
  const actions = situationActionsFor(actor, situation);
  const subject = situationSubjectOf(situation);
  return {
    decide: actions.decide,
    declareInvolvement: actions.declareInvolvement,
    assign: actions.assign,
    work: situation.stage === 'filter4' && can(actor, 'situation.viewDeidentified', subject),
    reportBack:
      (situation.stage === 'filter3' || situation.stage === 'filter4') &&
      can(actor, 'situation.viewDeidentified', subject),
    conclude: actions.close,
  };
}

/** Whether the person runs this table's meetings (the chair). */
export function runsMeetings(
  actor: Actor,
  table: { id: string; requiresSecondFactor: boolean },
): boolean {
  return can(actor, 'meeting.run', {
    kind: 'table',
    tableId: table.id,
    requiresSecondFactor: table.requiresSecondFactor,
  });
}

export type StepNotice =
  | 'accepted'
  | 'rejected'
  | 'involvement'
  | 'assigned'
  | 'concluded'
  /** Someone changed the situation first: the item now shows it as it is. */
  | 'stale';
