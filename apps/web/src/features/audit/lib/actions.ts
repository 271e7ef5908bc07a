/**
 * The action codes the audit screens name in words, grouped as the action filter offers them:
 * the closed list the API records (@fourfold/shared/audit). A code outside it (from a newer API
 * than this page) is shown as the code itself.
 */
import {
  auditActionGroups,
  auditActions,
  type AuditAction,
  type AuditActionGroup,
} from '@fourfold/shared/audit';

export const actionGroups = auditActionGroups;
export type ActionGroup = AuditActionGroup;
export type KnownAction = AuditAction;

const known = new Set<string>(auditActions);

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
