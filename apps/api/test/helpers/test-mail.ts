/**
 * A real SMTP server in the test process (smtp-server), on a free port, that keeps what it
 * receives, parsed by mailparser. Every test app sends its mail here (createTestApp sets
 * SMTP_URL), so tests read one-time links the way the person would: from the message.
 */
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = {
  /** Envelope recipients, as the server was told them. */
  to: string[];
  from: string;
  subject: string;
  text: string;
  /** The X-Fourfold-Message header: which kind of message it is. */
  kind: string;
  /** The whole message as it arrived, for checks that nothing else leaked into it. */
  raw: string;
};

export type TestMailServer = {
  url: string;
  received: ReceivedMail[];
  /** Messages to this address, oldest first. */
  to(address: string): ReceivedMail[];
  /** The token of the newest one-time link e-mailed to this address. */
  linkTokenFor(address: string): string;
  /** Refuse every message (451) until called again with false: a mail server that is down. */
  refuse(refusing: boolean): void;
  close(): Promise<void>;
};

const LINK_PATTERN = /\/set-password#([A-Za-z0-9_-]{43})\b/;

export function linkTokenIn(text: string): string | undefined {
  return LINK_PATTERN.exec(text)?.[1];
}

export async function startTestMailServer(): Promise<TestMailServer> {
  const received: ReceivedMail[] = [];
  let refusing = false;
  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP: nodemailer would otherwise upgrade to TLS with the built-in test certificate.
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refusing) {
          callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then((parsed) => {
            const kind = parsed.headers.get('x-fourfold-message');
            received.push({
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              kind: typeof kind === 'string' ? kind : '',
              raw,
            });
            callback();
          })
          .catch((error: unknown) => callback(error as Error));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('no port for the test SMTP server');

  const to = (recipient: string) =>
    received.filter((mail) => mail.to.includes(recipient.toLowerCase()));
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    received,
    to,
    linkTokenFor(recipient) {
      const mails = to(recipient);
      for (let i = mails.length - 1; i >= 0; i -= 1) {
        const token = linkTokenIn(mails[i]!.text);
        if (token) return token;
      }
      throw new Error(`no one-time link was e-mailed to ${recipient}`);
    },
    refuse(value) {
      refusing = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
