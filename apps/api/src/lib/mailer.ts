/**
 * The one way the API sends e-mail. With SMTP_URL, nodemailer hands each message to that server;
 * without it (the embedded quick start), nodemailer's stream transport renders the RFC 822
 * message and it is written as one `.eml` file to DATA_DIR/outbox (mode 0600: it may hold a
 * one-time link). Built once in app.ts and passed to the services that send.
 *
 * `send` resolves once the server accepted the message (or the file is on disk) and otherwise
 * throws MAIL_UNAVAILABLE (503). Log lines name the kind of message and its Message-ID only: never
 * an address, a link or a server reply (an SMTP error can quote the recipient).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config';
import { AppError } from './errors';

export const mailKinds = [
  'invitation',
  'password_reset',
  'email_changed_old_address',
  'email_changed_new_address',
  'notification',
] as const;
export type MailKind = (typeof mailKinds)[number];

export type MailMessage = {
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
};

export type MailDelivery = 'smtp' | 'outbox';

export type Mailer = {
  /** Where messages go: a mail server, or the outbox folder of the quick start. */
  readonly delivery: MailDelivery;
  send(message: MailMessage): Promise<void>;
  close(): void;
};

type MailLog = {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
};

/**
 * Bounds of one SMTP conversation. Messages are sent inside the transaction that stores the link
 * (see ARCHITECTURE.md, "One-time links by e-mail"), so together they stay well under the
 * database's idle-in-transaction timeout (twice DATABASE_STATEMENT_TIMEOUT_MS).
 */
const SMTP_TIMEOUTS = { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 10_000 };

const unavailable = () =>
  new AppError(
    'MAIL_UNAVAILABLE',
    'The e-mail could not be sent, so nothing was changed. Try again later.',
  );

export function createMailer(mail: Config['mail'], log: MailLog): Mailer {
  return mail.smtpUrl ? smtpMailer(mail.smtpUrl, mail.from, log) : outboxMailer(mail, log);
}

function smtpMailer(url: string, from: string, log: MailLog): Mailer {
  const transport: Transporter = nodemailer.createTransport({ url, ...SMTP_TIMEOUTS }, { from });
  return {
    delivery: 'smtp',
    async send(message) {
      try {
        const info = await transport.sendMail(compose(message));
        log.info({ mailKind: message.kind, messageId: info.messageId }, 'mail sent');
      } catch (error) {
        log.warn({ mailKind: message.kind, ...failureFields(error) }, 'mail not sent');
        throw unavailable();
      }
    },
    close: () => transport.close(),
  };
}

function outboxMailer(mail: Config['mail'], log: MailLog): Mailer {
  const transport = nodemailer.createTransport(
    { streamTransport: true, buffer: true, newline: 'windows' },
    { from: mail.from },
  );
  return {
    delivery: 'outbox',
    async send(message) {
      try {
        const info = await transport.sendMail(compose(message));
        await mkdir(mail.outboxDir, { recursive: true, mode: 0o700 });
        // Sortable by time; the random part keeps two messages of one millisecond apart.
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        const name = `${stamp}-${message.kind}-${randomBytes(4).toString('hex')}.eml`;
        await writeFile(path.join(mail.outboxDir, name), info.message as Buffer, {
          mode: 0o600,
          flag: 'wx',
        });
        log.info({ mailKind: message.kind, messageId: info.messageId }, 'mail written to outbox');
      } catch (error) {
        log.warn({ mailKind: message.kind, ...failureFields(error) }, 'mail not written');
        throw unavailable();
      }
    },
    close: () => transport.close(),
  };
}

function compose(message: MailMessage) {
  return {
    to: message.to,
    subject: message.subject,
    text: message.text,
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Fourfold-Message': message.kind },
  };
}

/** What may be logged of a failure: its class and codes, never its message (it can quote addresses). */
function failureFields(error: unknown) {
  if (typeof error !== 'object' || error === null) return {};
  const { code, responseCode, command } = error as Record<string, unknown>;
  return {
    errorClass: error.constructor.name,
    ...(typeof code === 'string' ? { errorCode: code } : {}),
    ...(typeof responseCode === 'number' ? { smtpResponseCode: responseCode } : {}),
    ...(typeof command === 'string' ? { smtpCommand: command.split(' ')[0] } : {}),
  };
}
