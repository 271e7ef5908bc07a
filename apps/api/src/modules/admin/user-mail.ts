/**
 * The messages administration sends to a person: their one-time link (invitation or password
 * reset) and, when their e-mail address changes, a notice to the old address and to the new one.
 * Fourfold stores no preferred language, so each message holds English, then French. Subjects
 * carry no personal data; bodies carry only what the person needs (a link, a partly hidden address).
 */
import { SET_PASSWORD_PATH, type LinkPurpose } from '@fourfold/shared/admin';
import type { MailMessage } from '../../lib/mailer';

/** `quinn.outreach@lakeside.example` → `q…@lakeside.example`: enough to recognise, not to copy. */
export function maskAddress(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '…';
  return `${email[0]}…${email.slice(at)}`;
}

/** A fixed, language-neutral date: the reader's time zone is unknown. */
const utc = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

const join = (en: string[], fr: string[]) =>
  ['(Le français suit.)', '', ...en, '', '---', '', ...fr, ''].join('\n');

export function linkMessage(input: {
  purpose: LinkPurpose;
  to: string;
  token: string;
  expiresAt: Date;
  publicUrl: string;
}): MailMessage {
  // The token travels in the fragment, which browsers never send to a server.
  const url = `${input.publicUrl}${SET_PASSWORD_PATH}#${input.token}`;
  const until = utc(input.expiresAt);
  if (input.purpose === 'invite') {
    return {
      kind: 'invitation',
      to: input.to,
      subject: 'Your Fourfold account / Votre compte Fourfold',
      text: join(
        [
          'An account was opened for you in Fourfold, the software of your situation table.',
          'Choose your password with this link:',
          '',
          url,
          '',
          `The link works once, until ${until}. If you were not expecting it, do not use it and`,
          'tell your organisation’s privacy officer.',
        ],
        [
          'Un compte a été ouvert pour vous dans Fourfold, le logiciel de votre table de situation.',
          'Choisissez votre mot de passe avec ce lien :',
          '',
          url,
          '',
          `Le lien ne sert qu’une fois, jusqu’au ${until}. Si vous ne l’attendiez pas, ne l’utilisez`,
          'pas et prévenez la personne responsable de la protection de la vie privée de votre organisme.',
        ],
      ),
    };
  }
  return {
    kind: 'password_reset',
    to: input.to,
    subject: 'Reset your Fourfold password / Réinitialisez votre mot de passe Fourfold',
    text: join(
      [
        'An administrator issued a link to choose a new password for your Fourfold account:',
        '',
        url,
        '',
        `The link works once, until ${until}; your current password works until you use it.`,
        'If you did not ask for it, do not use it and tell your organisation’s privacy officer.',
      ],
      [
        'Un lien pour choisir un nouveau mot de passe a été créé pour votre compte Fourfold :',
        '',
        url,
        '',
        `Le lien ne sert qu’une fois, jusqu’au ${until}; votre mot de passe actuel reste valide`,
        'tant que vous ne l’utilisez pas. Si vous ne l’avez pas demandé, ne l’utilisez pas et',
        'prévenez la personne responsable de la protection de la vie privée de votre organisme.',
      ],
    ),
  };
}

/** Both notices of an address change: the old address is told first, and where mail now goes. */
export function emailChangeMessages(input: { from: string; to: string }): MailMessage[] {
  const subject =
    'Your Fourfold sign-in address changed / Votre adresse de connexion Fourfold a changé';
  return [
    {
      kind: 'email_changed_old_address',
      to: input.from,
      subject,
      text: join(
        [
          'An administrator changed the e-mail address of your Fourfold account from this',
          `address to ${maskAddress(input.to)}. Sign-in and password links now use the new address.`,
          '',
          'If you did not ask for this, tell your organisation’s privacy officer at once:',
          'whoever holds the new address can be sent a link to set your password.',
        ],
        [
          'Un administrateur a remplacé l’adresse courriel de votre compte Fourfold, celle-ci,',
          `par ${maskAddress(input.to)}. La connexion et les liens de mot de passe utilisent`,
          'désormais la nouvelle adresse.',
          '',
          'Si vous ne l’avez pas demandé, prévenez tout de suite la personne responsable de la',
          'protection de la vie privée de votre organisme : quiconque détient la nouvelle adresse',
          'peut recevoir un lien pour choisir votre mot de passe.',
        ],
      ),
    },
    {
      kind: 'email_changed_new_address',
      to: input.to,
      subject,
      text: join(
        [
          'An administrator made this address the sign-in address of a Fourfold account (it',
          `replaces ${maskAddress(input.from)}). Sign in with it from now on.`,
          '',
          'If this is not your account, tell the administrator who manages Fourfold.',
        ],
        [
          'Un administrateur a fait de cette adresse l’adresse de connexion d’un compte Fourfold',
          `(elle remplace ${maskAddress(input.from)}). Connectez-vous désormais avec elle.`,
          '',
          'S’il ne s’agit pas de votre compte, prévenez l’administrateur de Fourfold.',
        ],
      ),
    },
  ];
}
