import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userCreatedSchema } from '@fourfold/shared/admin';
import { createMailer } from '../../src/lib/mailer';
import { callAs, uniqueName } from '../helpers/admin-fixtures';
import { createAgency, createUser, signIn } from '../helpers/fixtures';
import { closeTestApp, createTestApp, type TestApp } from '../helpers/test-app';
import { linkTokenIn, startTestMailServer } from '../helpers/test-mail';

const message = {
  kind: 'invitation' as const,
  to: 'robin.person@test.example',
  subject: 'Your Fourfold account / Votre compte Fourfold',
  text: 'Choose your password: http://localhost:3000/set-password#secret-token',
};

/** A log that keeps every line, to check that none names an address or a link. */
function recordingLog() {
  const lines: string[] = [];
  const keep = (fields: object, text: string) => lines.push(JSON.stringify({ ...fields, text }));
  return { lines, log: { info: keep, warn: keep } };
}

describe('mailer', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'fourfold-mail-'));
  });
  afterAll(async () => rm(dataDir, { recursive: true, force: true }));

  it('without SMTP_URL writes each message as one .eml file, readable only by its owner', async () => {
    const outboxDir = path.join(dataDir, 'unit', 'outbox');
    const { lines, log } = recordingLog();
    const mailer = createMailer(
      { smtpUrl: undefined, from: 'Fourfold <f@localhost>', outboxDir },
      log,
    );
    expect(mailer.delivery).toBe('outbox');
    await mailer.send(message);
    await mailer.send({ ...message, kind: 'password_reset' });
    const files = (await readdir(outboxDir)).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(
      /^\d{4}-\d\d-\d\dT[\d-]+Z-(invitation|password_reset)-[0-9a-f]{8}\.eml$/,
    );
    const file = path.join(
      outboxDir,
      files.find((f) => f.includes('invitation'))!,
    );
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(outboxDir)).mode & 0o777).toBe(0o700);
    const parsed = await simpleParser(await readFile(file));
    expect(parsed.subject).toBe(message.subject);
    expect(parsed.text?.trim()).toBe(message.text);
    expect(JSON.stringify(parsed.to)).toContain(message.to);
    expect(parsed.headers.get('x-fourfold-message')).toBe('invitation');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toContain('robin');
      expect(line).not.toContain('secret-token');
    }
  });

  it('answers MAIL_UNAVAILABLE when the server refuses, and logs no address nor reply', async () => {
    const server = await startTestMailServer();
    const { lines, log } = recordingLog();
    const mailer = createMailer(
      { smtpUrl: server.url, from: 'f@localhost', outboxDir: '/none' },
      log,
    );
    try {
      expect(mailer.delivery).toBe('smtp');
      await mailer.send(message);
      expect(server.to(message.to)).toHaveLength(1);
      server.refuse(true);
      await expect(mailer.send(message)).rejects.toMatchObject({
        code: 'MAIL_UNAVAILABLE',
        status: 503,
      });
      expect(lines[1]).toContain('"smtpResponseCode":451');
      for (const line of lines) {
        expect(line).not.toContain('robin');
        expect(line).not.toContain('Try again later');
      }
    } finally {
      mailer.close();
      await server.close();
    }
  });

  it('answers MAIL_UNAVAILABLE when nothing listens at SMTP_URL', async () => {
    const server = await startTestMailServer();
    const url = server.url;
    await server.close();
    const mailer = createMailer(
      { smtpUrl: url, from: 'f@localhost', outboxDir: '/none' },
      recordingLog().log,
    );
    await expect(mailer.send(message)).rejects.toMatchObject({ code: 'MAIL_UNAVAILABLE' });
    mailer.close();
  });

  describe('the embedded quick start (no SMTP_URL)', () => {
    let t: TestApp;
    let outbox: string;
    beforeAll(async () => {
      const appDataDir = path.join(dataDir, 'app');
      outbox = path.join(appDataDir, 'outbox');
      t = await createTestApp({
        environment: { SMTP_URL: '', DATA_DIR: appDataDir, PUBLIC_URL: 'http://127.0.0.1:3999' },
      });
    });
    afterAll(async () => closeTestApp(t));

    it('puts the invitation in DATA_DIR/outbox, where its link works', async () => {
      const agency = await createAgency(t.database.db);
      const admin = await createUser(t.database.db, { isAdministrator: true });
      const session = await signIn(t.app, admin.email);
      const email = `${uniqueName('outbox').replace(' ', '.')}@test.example`;
      const res = await callAs(t.app, session, 'POST', '/api/admin/users', {
        email,
        displayName: 'Outbox Person',
        agencyId: agency.id,
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(userCreatedSchema.parse(res.json()).link.delivery).toBe('outbox');
      expect(t.mail.received).toEqual([]);

      const [file] = await readdir(outbox);
      const parsed = await simpleParser(await readFile(path.join(outbox, file!)));
      expect(JSON.stringify(parsed.to)).toContain(email.toLowerCase());
      expect(parsed.text).toContain('http://127.0.0.1:3999/set-password#');
      const token = linkTokenIn(parsed.text ?? '');
      const inspect = await t.app.inject({
        method: 'POST',
        url: '/api/auth/links/inspect',
        payload: { token },
      });
      expect(inspect.statusCode).toBe(200);
      expect(inspect.json()).toMatchObject({ purpose: 'invite', email: email.toLowerCase() });
    });
  });
});
