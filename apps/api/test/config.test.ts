import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';

describe('config', () => {
  it('defaults to the embedded database on 127.0.0.1:3000', () => {
    const config = loadConfig({});
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(3000);
    expect(config.database.kind).toBe('embedded');
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/fourfold',
      AUTH_TOKEN_SECRET: 'x'.repeat(40),
      IDENTITY_KEY: `k1:${Buffer.alloc(32).toString('base64')}`,
      REPEAT_KEY: Buffer.alloc(32, 1).toString('base64'),
      SMTP_URL: 'smtp://mail:1025',
    });
    expect(config.database).toMatchObject({
      kind: 'postgres',
      url: 'postgres://u:p@db:5432/fourfold',
    });
    expect(config.seedDemo).toBe(false);
  });

  it('refuses a shared database without the secrets embedded mode would generate', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/fourfold' })).toThrow(
      /AUTH_TOKEN_SECRET/,
    );
  });

  it('loads demo data by default on the embedded database only, unless told otherwise', () => {
    expect(loadConfig({}).seedDemo).toBe(true);
    expect(loadConfig({ SEED_DEMO: 'false' }).seedDemo).toBe(false);
    const shared = {
      DATABASE_URL: 'postgres://db/f',
      AUTH_TOKEN_SECRET: 'y'.repeat(32),
      IDENTITY_KEY: `k1:${Buffer.alloc(32).toString('base64')}`,
      REPEAT_KEY: Buffer.alloc(32, 1).toString('base64'),
      SMTP_URL: 'smtps://user:pass@mail.example:465',
    };
    expect(loadConfig({ ...shared, SEED_DEMO: 'true' }).seedDemo).toBe(true);
  });

  it('without SMTP_URL writes mail to DATA_DIR/outbox, and builds links on PUBLIC_URL', () => {
    const embedded = loadConfig({ DATA_DIR: '/srv/fourfold', PORT: '8080' });
    expect(embedded.mail).toEqual({
      smtpUrl: undefined,
      from: 'Fourfold <no-reply@localhost>',
      outboxDir: '/srv/fourfold/outbox',
    });
    expect(embedded.publicUrl).toBe('http://localhost:8080');
    const configured = loadConfig({
      SMTP_URL: 'smtp://mail.example:587',
      MAIL_FROM: 'Riverside Table <table@riverside.example>',
      PUBLIC_URL: 'https://fourfold.riverside.example/',
    });
    expect(configured.mail).toMatchObject({
      smtpUrl: 'smtp://mail.example:587',
      from: 'Riverside Table <table@riverside.example>',
    });
    expect(configured.publicUrl).toBe('https://fourfold.riverside.example');
  });

  it('requires SMTP_URL with DATABASE_URL, and refuses bad mail settings by name only', () => {
    let error: unknown;
    try {
      loadConfig({
        DATABASE_URL: 'postgres://db/f',
        AUTH_TOKEN_SECRET: 'y'.repeat(32),
        IDENTITY_KEY: `k1:${Buffer.alloc(32).toString('base64')}`,
        REPEAT_KEY: Buffer.alloc(32, 1).toString('base64'),
      });
    } catch (caught) {
      error = caught;
    }
    expect((error as ConfigError).problems).toEqual([
      'SMTP_URL: required when DATABASE_URL is set (smtp:// or smtps://)',
    ]);
    try {
      loadConfig({
        SMTP_URL: 'http://user:hunter2@mail',
        MAIL_FROM: 'a\r\nBcc: x@y',
        PUBLIC_URL: 'javascript:alert(1)',
      });
    } catch (caught) {
      error = caught;
    }
    const { problems, message } = error as ConfigError;
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'MAIL_FROM',
      'PUBLIC_URL',
      'SMTP_URL',
    ]);
    expect(message).not.toContain('hunter2');
  });

  it('reports every bad key at once, by name, without echoing values', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://secret-password@x' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('PORT');
    expect(message).toContain('LOG_LEVEL');
    expect(message).toContain('DATABASE_URL');
    expect(message).not.toContain('secret-password');
    // …and what a shared database requires: AUTH_TOKEN_SECRET, IDENTITY_KEY, REPEAT_KEY, SMTP_URL.
    expect((error as ConfigError).problems).toHaveLength(7);
  });

  it('takes REPEAT_KEY as base64 of 32 or more bytes, and REPEAT_WINDOW_MONTHS from 0 to 60', () => {
    expect(loadConfig({}).repeatWindowMonths).toBe(12);
    expect(loadConfig({ REPEAT_WINDOW_MONTHS: '0' }).repeatWindowMonths).toBe(0);
    const key = Buffer.alloc(32, 3).toString('base64');
    expect(loadConfig({ REPEAT_KEY: key }).repeatKey).toBe(key);
    for (const bad of [
      { REPEAT_KEY: Buffer.alloc(31).toString('base64') },
      { REPEAT_KEY: 'not base64!' },
      { REPEAT_WINDOW_MONTHS: '61' },
      { REPEAT_WINDOW_MONTHS: '-1' },
    ]) {
      expect(() => loadConfig(bad), JSON.stringify(bad)).toThrow(ConfigError);
    }
    expect(() =>
      loadConfig({
        DATABASE_URL: 'postgres://db/f',
        AUTH_TOKEN_SECRET: 'y'.repeat(32),
        IDENTITY_KEY: `k1:${Buffer.alloc(32).toString('base64')}`,
        SMTP_URL: 'smtp://mail:25',
      }),
    ).toThrow(/REPEAT_KEY: required/);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).database.kind).toBe('embedded');
  });

  it('is frozen', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.database)).toBe(true);
  });
});
