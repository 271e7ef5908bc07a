/**
 * The e-mail of one notification: the kind in words, the situation's reference, the table's name,
 * the due time of an action item and a link to the situation. Nothing about the person (no
 * identity, no summary) and no action item text: the row it is built from holds none. Fourfold
 * stores no preferred language, so the message holds English, then French.
 */
import { situationPath, type NotificationKind } from '@fourfold/shared/notifications';
import type { MailMessage } from '../../lib/mailer';

const words: Record<NotificationKind, { en: string; fr: string }> = {
  lead_assigned: {
    en: 'Your agency was named the lead agency for a situation.',
    fr: 'Votre organisme a été désigné organisme responsable d’une situation.',
  },
  assisting_assigned: {
    en: 'Your agency was named an assisting agency for a situation.',
    fr: 'Votre organisme a été désigné organisme d’appui pour une situation.',
  },
  action_item_assigned: {
    en: 'An action item was given to your agency.',
    fr: 'Une action a été confiée à votre organisme.',
  },
  action_item_overdue: {
    en: 'An action item of your agency is overdue.',
    fr: 'Une action confiée à votre organisme est en retard.',
  },
};

const subjects: Record<NotificationKind, { en: string; fr: string }> = {
  lead_assigned: { en: 'Lead agency', fr: 'Organisme responsable' },
  assisting_assigned: { en: 'Assisting agency', fr: 'Organisme d’appui' },
  action_item_assigned: { en: 'New action item', fr: 'Nouvelle action' },
  action_item_overdue: { en: 'Action item overdue', fr: 'Action en retard' },
};

/** A fixed, language-neutral time: the reader's time zone is unknown. */
const utc = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export function notificationMessage(input: {
  to: string;
  kind: NotificationKind;
  reference: string;
  tableName: string;
  situationId: string;
  dueAt: Date | null;
  publicUrl: string;
}): MailMessage {
  const url = `${input.publicUrl}${situationPath(input.situationId)}`;
  const kind = words[input.kind];
  const due = input.dueAt ? utc(input.dueAt) : null;
  const en = [
    kind.en,
    '',
    `Situation: ${input.reference}`,
    `Table: ${input.tableName}`,
    ...(due ? [`Due: ${due}`] : []),
    '',
    'Sign in to Fourfold to see it:',
    url,
  ];
  const fr = [
    kind.fr,
    '',
    `Situation : ${input.reference}`,
    `Table : ${input.tableName}`,
    ...(due ? [`Échéance : ${due}`] : []),
    '',
    'Connectez-vous à Fourfold pour la consulter :',
    url,
  ];
  const subject = subjects[input.kind];
  return {
    kind: 'notification',
    to: input.to,
    subject: `${subject.en} ${input.reference} / ${subject.fr} ${input.reference}`,
    text: ['(Le français suit.)', '', ...en, '', '---', '', ...fr, ''].join('\n'),
  };
}
