/**
 * The e-mails the server sent: without SMTP_URL it writes each as an .eml file to
 * DATA_DIR/outbox, which is where a person trying Fourfold finds them too.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { inject } from 'vitest';

export type OutboxMail = { file: string; to: string; subject: string; text: string };

/** Every message to this address, oldest first (file names start with the time). */
export async function mailsTo(address: string): Promise<OutboxMail[]> {
  const dir = inject('outboxDir');
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml'));
  const mails: OutboxMail[] = [];
  for (const file of files.sort()) {
    const parsed = await simpleParser(await readFile(path.join(dir, file)));
    const to = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : [])
      .flatMap((group) => group.value.map((entry) => entry.address ?? ''))
      .join(',');
    if (to.toLowerCase() === address.toLowerCase()) {
      mails.push({ file, to, subject: parsed.subject ?? '', text: parsed.text ?? '' });
    }
  }
  return mails;
}

/** The one-time link in the newest message to this address: the full URL as the person gets it. */
export async function newestLinkTo(address: string): Promise<string> {
  const mails = await mailsTo(address);
  for (const mail of mails.reverse()) {
    const url = /https?:\/\/\S+\/set-password#[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0];
    if (url) return url;
  }
  throw new Error(`No one-time link was e-mailed to ${address}.`);
}
