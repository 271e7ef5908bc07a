/**
 * What the person may do with a situation, as the screens show it: the access policy (`can`) and
 * the state machine (`allows`) from @fourfold/shared, applied to the de-identified view. The API
 * enforces the same rules; this only decides which actions to offer.
 */
import { can, type Actor, type SituationSubject } from '@fourfold/shared/access-policy';
import { allows, type WorkflowAction } from '@fourfold/shared/situation-workflow';
import type { Situation } from '@fourfold/shared/situations';

type SubjectSource = Pick<
  Situation,
  | 'tableId'
  | 'tableRequiresSecondFactor'
  | 'stage'
  | 'originatingAgency'
  | 'agenciesPresent'
  | 'leadAgency'
  | 'assistingAgencies'
>;

/** The access policy's subject for a situation, built from its de-identified view. */
export function situationSubjectOf(view: SubjectSource): SituationSubject {
  return {
    kind: 'situation',
    tableId: view.tableId,
    requiresSecondFactor: view.tableRequiresSecondFactor,
    stage: view.stage,
    originatingAgencyId: view.originatingAgency.id,
    agenciesPresent: view.agenciesPresent.map((agency) => agency.id),
    leadAgencyId: view.leadAgency?.id ?? null,
    assistingAgencyIds: view.assistingAgencies.map((agency) => agency.id),
  };
}

export type SituationActions = {
  editDraft: boolean;
  present: boolean;
  editIdentity: boolean;
  /** The policy lets this person see identity now (whether any is held is another matter). */
  viewIdentity: boolean;
  decide: boolean;
  declareInvolvement: boolean;
  assign: boolean;
  readNotes: boolean;
  writeNotes: boolean;
  recordContact: boolean;
  close: boolean;
};

/**
 * Each action is offered only when the state machine allows it at this stage AND the policy lets
 * this person do it. Reading notes and viewing identity are not moves of the machine: the policy
 * alone answers them.
 */
export function situationActionsFor(actor: Actor, view: SubjectSource): SituationActions {
  const subject = situationSubjectOf(view);
  const step = (action: WorkflowAction, permission: Parameters<typeof can>[1]) =>
    allows(view.stage, action) && can(actor, permission, subject);
  return {
    editDraft: step('editDraft', 'situation.editDraft'),
    present: step('submit', 'situation.present'),
    editIdentity: step('editIdentity', 'situation.editIdentity'),
    viewIdentity: can(actor, 'situation.viewIdentity', subject),
    decide: step('accept', 'situation.decide'),
    declareInvolvement: step('declareInvolvement', 'situation.declareInvolvement'),
    assign: step('assign', 'situation.assign'),
    readNotes: can(actor, 'situation.readNotes', subject),
    writeNotes: step('writeNote', 'situation.writeNotes'),
    recordContact: step('recordContact', 'situation.recordContact'),
    close: step('close', 'situation.close'),
  };
}
