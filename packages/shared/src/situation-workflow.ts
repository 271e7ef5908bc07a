/**
 * The one state machine of a situation, following the Four Filter process:
 *
 *   draft ──submit──▶ filter2 ──accept──▶ filter3 ──assign──▶ filter4 ──close──▶ closed
 *                         └──reject──▶ rejected
 *
 * It answers *when* something may happen; the access policy answers *who* may do it, and asks this
 * machine for the stage rules so that they are written once. The API answers a move the machine
 * refuses with 409 INVALID_TRANSITION; the web offers only the moves the machine allows. Plain
 * code without zod, as the web's first download runs it; `stageSchema` is in `policy-schemas.ts`.
 */
export const stages = ['draft', 'filter2', 'rejected', 'filter3', 'filter4', 'closed'] as const;
export type Stage = (typeof stages)[number];

/** Moves from one stage to another. */
export const transitions = ['submit', 'accept', 'reject', 'assign', 'close'] as const;
export type Transition = (typeof transitions)[number];

/** Things done to a situation that leave its stage as it is. */
export const stageActions = [
  'editDraft',
  'editIdentity',
  'declareInvolvement',
  'writeNote',
  'recordContact',
  'manageActions',
  'reportBack',
] as const;
export type StageAction = (typeof stageActions)[number];

export type WorkflowAction = Transition | StageAction;
export const workflowActions: readonly WorkflowAction[] = [...transitions, ...stageActions];

const transitionTable: Record<Transition, { from: Stage; to: Stage }> = {
  submit: { from: 'draft', to: 'filter2' },
  accept: { from: 'filter2', to: 'filter3' },
  reject: { from: 'filter2', to: 'rejected' },
  assign: { from: 'filter3', to: 'filter4' },
  close: { from: 'filter4', to: 'closed' },
};

const stageActionTable: Record<StageAction, readonly Stage[]> = {
  editDraft: ['draft'],
  // Until closure; a rejected situation keeps no identity at all.
  editIdentity: ['draft', 'filter2', 'filter3', 'filter4'],
  declareInvolvement: ['filter3'],
  writeNote: ['filter4'],
  recordContact: ['filter4'],
  // Action items are the intervention plan: they exist once lead and assisting agencies are named.
  manageActions: ['filter4'],
  // A situation stays on the agenda, and is reported back on, from acceptance until it is concluded.
  reportBack: ['filter3', 'filter4'],
};

export const terminalStages: readonly Stage[] = ['rejected', 'closed'];

export function isTransition(action: WorkflowAction): action is Transition {
  return (transitions as readonly string[]).includes(action);
}

/** Whether the action may happen at this stage. */
export function allows(stage: Stage, action: WorkflowAction): boolean {
  if (isTransition(action)) return transitionTable[action].from === stage;
  return stageActionTable[action].includes(stage);
}

/** The stage after the action, or null when the machine refuses it at this stage. */
export function nextStage(stage: Stage, action: WorkflowAction): Stage | null {
  if (!allows(stage, action)) return null;
  return isTransition(action) ? transitionTable[action].to : stage;
}

/** Every action the machine allows at a stage, in the order of the process. */
export function actionsAt(stage: Stage): WorkflowAction[] {
  return workflowActions.filter((action) => allows(stage, action));
}

/** The stages a situation passes through on the way to `stage`, for a timeline. */
export const stageOrder: readonly Stage[] = ['draft', 'filter2', 'filter3', 'filter4', 'closed'];
