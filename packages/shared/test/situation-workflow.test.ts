/**
 * The situation state machine, exhaustively: every stage × every workflow action, with the stage
 * that follows (or the refusal) written out; then every stage × every action × every kind of
 * person through the access policy, also written out. Nothing here is computed from the machine
 * or the policy: a change to either must change these tables.
 *
 * The tables follow the Four Filter process of shared/domain/README.md:
 *   draft ──submit──▶ filter2 ──accept──▶ filter3 ──assign──▶ filter4 ──close──▶ closed
 *                         └──reject──▶ rejected
 * with the stage actions: the draft is edited only as a draft; identity is edited until closure
 * (a rejected situation has none); involvement is declared at filter 3; notes and the first
 * contact belong to filter 4.
 */
import { describe, expect, it } from 'vitest';
import {
  decide,
  type Actor,
  type DenialReason,
  type Permission,
  type SituationSubject,
} from '../src/access-policy';
import {
  actionsAt,
  allows,
  nextStage,
  stageOrder,
  stages,
  terminalStages,
  workflowActions,
  type Stage,
  type WorkflowAction,
} from '../src/situation-workflow';

// ---------------------------------------------------------------------------------------------
// 1. The machine: stage × action → next stage, or null where it refuses
// ---------------------------------------------------------------------------------------------

// prettier-ignore
const machine: Record<Stage, Record<WorkflowAction, Stage | null>> = {
  draft: {
    submit: 'filter2', accept: null, reject: null, assign: null, close: null,
    editDraft: 'draft', editIdentity: 'draft', declareInvolvement: null, writeNote: null, recordContact: null, manageActions: null, reportBack: null,
  },
  filter2: {
    submit: null, accept: 'filter3', reject: 'rejected', assign: null, close: null,
    editDraft: null, editIdentity: 'filter2', declareInvolvement: null, writeNote: null, recordContact: null, manageActions: null, reportBack: null,
  },
  rejected: {
    submit: null, accept: null, reject: null, assign: null, close: null,
    editDraft: null, editIdentity: null, declareInvolvement: null, writeNote: null, recordContact: null, manageActions: null, reportBack: null,
  },
  filter3: {
    submit: null, accept: null, reject: null, assign: 'filter4', close: null,
    editDraft: null, editIdentity: 'filter3', declareInvolvement: 'filter3', writeNote: null, recordContact: null, manageActions: null, reportBack: 'filter3',
  },
  filter4: {
    submit: null, accept: null, reject: null, assign: null, close: 'closed',
    editDraft: null, editIdentity: 'filter4', declareInvolvement: null, writeNote: 'filter4', recordContact: 'filter4', manageActions: 'filter4', reportBack: 'filter4',
  },
  closed: {
    submit: null, accept: null, reject: null, assign: null, close: null,
    editDraft: null, editIdentity: null, declareInvolvement: null, writeNote: null, recordContact: null, manageActions: null, reportBack: null,
  },
};

describe('the state machine', () => {
  it('has a row for every stage and a column for every action', () => {
    expect(Object.keys(machine).sort()).toEqual([...stages].sort());
    for (const stage of stages) {
      expect(Object.keys(machine[stage]).sort()).toEqual([...workflowActions].sort());
    }
  });

  describe.each(stages)('at %s', (stage) => {
    it.each(workflowActions)('%s', (action) => {
      const expected = machine[stage][action];
      expect(nextStage(stage, action)).toBe(expected);
      expect(allows(stage, action)).toBe(expected !== null);
    });
  });

  it('lists the allowed actions of each stage in process order', () => {
    expect(actionsAt('draft')).toEqual(['submit', 'editDraft', 'editIdentity']);
    expect(actionsAt('filter2')).toEqual(['accept', 'reject', 'editIdentity']);
    expect(actionsAt('rejected')).toEqual([]);
    expect(actionsAt('filter3')).toEqual([
      'assign',
      'editIdentity',
      'declareInvolvement',
      'reportBack',
    ]);
    expect(actionsAt('filter4')).toEqual([
      'close',
      'editIdentity',
      'writeNote',
      'recordContact',
      'manageActions',
      'reportBack',
    ]);
    expect(actionsAt('closed')).toEqual([]);
  });

  // The web's timeline draws stageOrder: it must be the path of a situation that is accepted,
  // from the draft to its closure, each stage reached from the one before by one move of the
  // machine (the table above, not the machine itself).
  it('orders the timeline along the accepted path, one move of the machine per step', () => {
    expect(stageOrder[0]).toBe('draft');
    expect(stageOrder.at(-1)).toBe('closed');
    expect(new Set(stageOrder).size).toBe(stageOrder.length);
    for (let k = 1; k < stageOrder.length; k++) {
      const [from, to] = [stageOrder[k - 1]!, stageOrder[k]!];
      expect(Object.values(machine[from] ?? {}), `${from} → ${to}`).toContain(to);
      expect(to).not.toBe(from);
    }
    expect(stageOrder).not.toContain('rejected');
  });

  it('lets nothing happen at a terminal stage', () => {
    expect([...terminalStages].sort()).toEqual(['closed', 'rejected']);
    for (const stage of terminalStages) expect(actionsAt(stage)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. The policy: stage × action × person
// ---------------------------------------------------------------------------------------------

/** The access-policy permission that guards each workflow action (as the API routes declare). */
const permissionOf: Record<WorkflowAction, Permission> = {
  submit: 'situation.present',
  accept: 'situation.decide',
  reject: 'situation.decide',
  assign: 'situation.assign',
  close: 'situation.close',
  editDraft: 'situation.editDraft',
  editIdentity: 'situation.editIdentity',
  declareInvolvement: 'situation.declareInvolvement',
  writeNote: 'situation.writeNotes',
  manageActions: 'situation.manageActions',
  reportBack: 'situation.reportBack',
  recordContact: 'situation.recordContact',
};

type Outcome = 'allow' | DenialReason;

/**
 * The people of one table, by the relation of their agency to the situation. Each situation is as
 * it would be at its stage: nobody present before the decision; the present, lead and assisting
 * agencies present from the decision on (lead and assisting named only from filter 4). The
 * coordinator's own agency has no part in the situation.
 */
const people = [
  'originating',
  'present',
  'lead',
  'assisting',
  'uninvolved',
  'coordinator',
  'analyst',
  'privacyOfficer',
  'outsider',
] as const;
type Person = (typeof people)[number];

const TABLE = 'table-1';
const agencyOf: Record<Person, string> = {
  originating: 'agency-originating',
  present: 'agency-present',
  lead: 'agency-lead',
  assisting: 'agency-assisting',
  uninvolved: 'agency-uninvolved',
  coordinator: 'agency-chair',
  analyst: 'agency-chair',
  privacyOfficer: 'agency-chair',
  outsider: 'agency-elsewhere',
};

function actorOf(person: Person): Actor {
  const role =
    person === 'coordinator'
      ? 'coordinator'
      : person === 'analyst'
        ? 'analyst'
        : person === 'privacyOfficer'
          ? 'privacy_officer'
          : 'agency_rep';
  return {
    userId: `user-${person}`,
    agencyId: agencyOf[person],
    isAdministrator: false,
    secondFactor: true,
    memberships:
      person === 'outsider'
        ? [{ tableId: 'table-2', role: 'coordinator', agreementAccepted: true }]
        : [{ tableId: TABLE, role, agreementAccepted: true }],
  };
}

function subjectAt(stage: Stage): SituationSubject {
  const decided = !['draft', 'filter2'].includes(stage);
  const assigned = stage === 'filter4' || stage === 'closed';
  return {
    kind: 'situation',
    tableId: TABLE,
    requiresSecondFactor: true,
    stage,
    originatingAgencyId: agencyOf.originating,
    agenciesPresent: decided ? [agencyOf.present, agencyOf.lead, agencyOf.assisting] : [],
    leadAgencyId: assigned ? agencyOf.lead : null,
    assistingAgencyIds: assigned ? [agencyOf.assisting] : [],
  };
}

type Row = [Stage, WorkflowAction, Record<Person, Outcome>];

// Abbreviations keep each row on one line: A allow, N not_permitted (403), H hidden (404).
const A = 'allow';
const N = 'not_permitted';
const H = 'hidden';

// How to read it: a draft is hidden from everyone but its originating agency; from filter 2 on
// every coordinator and agency rep of the table sees it (so a refusal is N), analysts, privacy
// officers and other tables' members never (H). Who may act: the originating agency edits and
// presents its draft and edits identity until closure; the coordinator decides (filter 2),
// assigns (filter 3) and closes (filter 4); agencies present declare involvement (filter 3); the
// lead, assisting and originating agencies write notes, the lead and assisting record the first
// contact (filter 4); the coordinator, lead and assisting agencies manage action items (filter 4);
// the coordinator and every agency that worked on it report back (filters 3 and 4). Whatever the
// stage does not allow is refused to everyone.
// prettier-ignore
const policyTable: Row[] = [
  //                                  originating present lead assisting uninvolved coordinator analyst privacyOfficer outsider
  ['draft', 'submit',             { originating: A, present: H, lead: H, assisting: H, uninvolved: H, coordinator: H, analyst: H, privacyOfficer: H, outsider: H }],
  ['draft', 'accept',             { originating: N, present: H, lead: H, assisting: H, uninvolved: H, coordinator: H, analyst: H, privacyOfficer: H, outsider: H }],
  ['draft', 'reject',             { originating: N, present: H, lead: H, assisting: H, uninvolved: H, coordinator: H, analyst: H, privacyOfficer: H, outsider: H }],
  ['draft', 'assign',             { originating: N, present: H, lead: H, assisting: H, uninvolved: H, coordinator: H, analyst: H, privacyOfficer: H, outsider: H }],
  ['draft', 'close',              { originating: N, present: H, lead: H, assisting: H, uninvolved: H, coordinator: H, analyst: H, privacyOfficer: H, outsider: H }],
  ['draft', 'editDraft',          { originating: A, present: H, lead: H, assisting: H, uninvolved: H, coordinator: H, analyst: H, privacyOfficer: H, outsider: H }],
  ['draft', 'editIdentity',       { originating: A, present: H, lead: H, assisting: H, uninvolved: H, coordinator: H, analyst: H, privacyOfficer: H, outsider: H }],
  ['draft', 'declareInvolvement', { originating: N, present: H, lead: H, assisting: H, uninvolved: H, coordinator: H, analyst: H, privacyOfficer: H, outsider: H }],
  ['draft', 'writeNote',          { originating: N, present: H, lead: H, assisting: H, uninvolved: H, coordinator: H, analyst: H, privacyOfficer: H, outsider: H }],
  ['draft', 'recordContact',      { originating: N, present: H, lead: H, assisting: H, uninvolved: H, coordinator: H, analyst: H, privacyOfficer: H, outsider: H }],
  ['draft', 'manageActions',     { originating: N, present: H, lead: H, assisting: H, uninvolved: H, coordinator: H, analyst: H, privacyOfficer: H, outsider: H }],
  ['draft', 'reportBack',        { originating: N, present: H, lead: H, assisting: H, uninvolved: H, coordinator: H, analyst: H, privacyOfficer: H, outsider: H }],

  ['filter2', 'submit',             { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['filter2', 'accept',             { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: A, analyst: H, privacyOfficer: H, outsider: H }],
  ['filter2', 'reject',             { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: A, analyst: H, privacyOfficer: H, outsider: H }],
  ['filter2', 'assign',             { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['filter2', 'close',              { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['filter2', 'editDraft',          { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['filter2', 'editIdentity',       { originating: A, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['filter2', 'declareInvolvement', { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['filter2', 'writeNote',          { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['filter2', 'recordContact',      { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['filter2', 'manageActions',     { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['filter2', 'reportBack',        { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],

  ['rejected', 'submit',             { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['rejected', 'accept',             { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['rejected', 'reject',             { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['rejected', 'assign',             { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['rejected', 'close',              { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['rejected', 'editDraft',          { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['rejected', 'editIdentity',       { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['rejected', 'declareInvolvement', { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['rejected', 'writeNote',          { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['rejected', 'recordContact',      { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['rejected', 'manageActions',     { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['rejected', 'reportBack',        { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],

  ['filter3', 'submit',             { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['filter3', 'accept',             { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['filter3', 'reject',             { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['filter3', 'assign',             { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: A, analyst: H, privacyOfficer: H, outsider: H }],
  ['filter3', 'close',              { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['filter3', 'editDraft',          { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['filter3', 'editIdentity',       { originating: A, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['filter3', 'declareInvolvement', { originating: N, present: A, lead: A, assisting: A, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['filter3', 'writeNote',          { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['filter3', 'recordContact',      { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['filter3', 'manageActions',     { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['filter3', 'reportBack',        { originating: A, present: A, lead: A, assisting: A, uninvolved: N, coordinator: A, analyst: H, privacyOfficer: H, outsider: H }],

  ['filter4', 'submit',             { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['filter4', 'accept',             { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['filter4', 'reject',             { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['filter4', 'assign',             { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['filter4', 'close',              { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: A, analyst: H, privacyOfficer: H, outsider: H }],
  ['filter4', 'editDraft',          { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['filter4', 'editIdentity',       { originating: A, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['filter4', 'declareInvolvement', { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['filter4', 'writeNote',          { originating: A, present: N, lead: A, assisting: A, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['filter4', 'recordContact',      { originating: N, present: N, lead: A, assisting: A, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['filter4', 'manageActions',     { originating: N, present: N, lead: A, assisting: A, uninvolved: N, coordinator: A, analyst: H, privacyOfficer: H, outsider: H }],
  ['filter4', 'reportBack',        { originating: A, present: A, lead: A, assisting: A, uninvolved: N, coordinator: A, analyst: H, privacyOfficer: H, outsider: H }],

  ['closed', 'submit',             { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['closed', 'accept',             { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['closed', 'reject',             { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['closed', 'assign',             { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['closed', 'close',              { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['closed', 'editDraft',          { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['closed', 'editIdentity',       { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['closed', 'declareInvolvement', { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['closed', 'writeNote',          { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['closed', 'recordContact',      { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['closed', 'manageActions',     { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
  ['closed', 'reportBack',        { originating: N, present: N, lead: N, assisting: N, uninvolved: N, coordinator: N, analyst: H, privacyOfficer: H, outsider: H }],
];

describe('the policy over the machine: stage × action × person', () => {
  it('has exactly one row per stage and action', () => {
    const keys = policyTable.map(([stage, action]) => `${stage}/${action}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(stages.length * workflowActions.length);
  });

  describe.each(policyTable)('at %s, %s', (stage, action, expected) => {
    it.each(people)('%s', (person) => {
      const decision = decide(actorOf(person), permissionOf[action], subjectAt(stage));
      const outcome: Outcome = decision.allowed ? 'allow' : decision.reason;
      expect(outcome).toBe(expected[person]);
    });
  });

  it('never allows what the machine refuses', () => {
    for (const [stage, action, expected] of policyTable) {
      for (const person of people) {
        if (expected[person] === 'allow')
          expect(allows(stage, action), `${stage}/${action}`).toBe(true);
      }
    }
  });
});
