/**
 * The action codes the audit screens can name in words, grouped as the action filter offers
 * them. Any other code (a newer module's) is shown as the code itself.
 */
export const actionGroups = {
  authentication: [
    'auth.login',
    'auth.login.recovery_code',
    'auth.logout',
    'auth.token',
    'auth.refresh.reuse',
    'auth.password.change',
    'auth.second_factor.setup',
    'auth.second_factor.disable',
    'auth.recovery_codes.regenerate',
    'auth.link.inspect',
    'auth.link.complete',
  ],
  situations: [
    'situation.create',
    'situation.viewDeidentified',
    'situation.editDraft',
    'situation.viewIdentity',
    'situation.editIdentity',
    'situation.present',
    'situation.decide',
    'situation.declareInvolvement',
    'situation.assign',
    'situation.readNotes',
    'situation.writeNotes',
    'situation.recordContact',
    'situation.close',
    'table.view',
    'meeting.run',
    'agreement.accept',
  ],
  statistics: ['statistics.read', 'statistics.export'],
  audit: ['audit.read', 'audit.search', 'audit.accessReport', 'audit.personReport', 'audit.verify'],
  administration: [
    'admin.manage',
    'admin.agency.create',
    'admin.agency.update',
    'admin.agency.deactivate',
    'admin.agency.reactivate',
    'admin.table.create',
    'admin.table.update',
    'admin.table.deactivate',
    'admin.table.reactivate',
    'admin.table.agency.add',
    'admin.table.agency.remove',
    'admin.table.agreement.publish',
    'admin.user.create',
    'admin.user.update',
    'admin.user.deactivate',
    'admin.user.reactivate',
    'admin.user.invite',
    'admin.user.reset_link',
    'admin.membership.add',
    'admin.membership.update',
    'admin.membership.remove',
  ],
} as const;

export type ActionGroup = keyof typeof actionGroups;
export type KnownAction = (typeof actionGroups)[ActionGroup][number];

const known = new Set<string>(Object.values(actionGroups).flat());

export function isKnownAction(code: string): code is KnownAction {
  return known.has(code);
}

type Underscored<S extends string> = S extends `${infer Head}.${infer Tail}`
  ? `${Head}_${Underscored<Tail>}`
  : S;
export type ActionMessageKey = Underscored<KnownAction>;

/** The catalogue key of an action: dots would read as nesting, so they become underscores. */
export function actionMessageKey<Code extends KnownAction>(code: Code): Underscored<Code> {
  return code.replaceAll('.', '_') as Underscored<Code>;
}
