/**
 * Words for what the audit log stores as codes — actions, types of information, outcomes, roles —
 * and dates in the reader's language (Canadian conventions). A code without words (a newer
 * module's action) is shown as the code itself.
 */
import { useTranslation } from 'react-i18next';
import type { AuditDataCategory, AuditOutcome } from '@fourfold/shared/audit';
import { useFormat } from '../../../lib/format';
import { actionMessageKey, isKnownAction } from '../lib/actions';

const knownRoles = ['coordinator', 'agency_rep', 'analyst', 'privacy_officer', 'administrator'];
type KnownRole = 'coordinator' | 'agency_rep' | 'analyst' | 'privacy_officer' | 'administrator';

export function useAuditLabels() {
  const { t } = useTranslation('audit');
  const format = useFormat();
  return {
    /** The action in words, or null when it has none (show the code). */
    action: (code: string): string | null =>
      isKnownAction(code) ? t(`actions.${actionMessageKey(code)}`) : null,
    category: (category: AuditDataCategory) => t(`categories.${category}`),
    outcome: (outcome: AuditOutcome) => t(`outcomes.${outcome}`),
    role: (role: string | null) =>
      role === null ? null : knownRoles.includes(role) ? t(`roles.${role as KnownRole}`) : role,
    // To the second: the order of events a few seconds apart matters in an audit trail.
    dateTime: (iso: string) => format.dateTime(iso, { seconds: true }),
    date: (iso: string) => format.date(iso),
    number: (value: number) => format.number(value),
  };
}
