/**
 * Words for what the audit log stores as codes — actions, types of information, outcomes, roles —
 * and dates in the reader's language (Canadian conventions). A code without words (a newer
 * module's action) is shown as the code itself.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditDataCategory, AuditOutcome } from '@fourfold/shared/audit';
import { actionMessageKey, isKnownAction } from '../lib/actions';

const knownRoles = ['coordinator', 'agency_rep', 'analyst', 'privacy_officer', 'administrator'];
type KnownRole = 'coordinator' | 'agency_rep' | 'analyst' | 'privacy_officer' | 'administrator';

export function useAuditLabels() {
  const { t, i18n } = useTranslation('audit');
  const locale = i18n.resolvedLanguage === 'fr' ? 'fr-CA' : 'en-CA';
  const formats = useMemo(
    () => ({
      dateTime: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }),
      date: new Intl.DateTimeFormat(locale, { dateStyle: 'long' }),
      number: new Intl.NumberFormat(locale),
    }),
    [locale],
  );
  return {
    /** The action in words, or null when it has none (show the code). */
    action: (code: string): string | null =>
      isKnownAction(code) ? t(`actions.${actionMessageKey(code)}`) : null,
    category: (category: AuditDataCategory) => t(`categories.${category}`),
    outcome: (outcome: AuditOutcome) => t(`outcomes.${outcome}`),
    role: (role: string | null) =>
      role === null ? null : knownRoles.includes(role) ? t(`roles.${role as KnownRole}`) : role,
    dateTime: (iso: string) => formats.dateTime.format(new Date(iso)),
    date: (iso: string) => formats.date.format(new Date(iso)),
    number: (value: number) => formats.number.format(value),
  };
}
