import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loggerOptions } from '../src/logger';
import { testConfig } from './helpers/test-app';

describe('logger', () => {
  it('redacts credentials and every field that can carry personal data', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const options = loggerOptions(testConfig({ LOG_LEVEL: 'info' }));
    const log = pino(options as pino.LoggerOptions, sink);
    log.info(
      {
        req: {
          headers: {
            authorization: 'Bearer abc.def',
            cookie: 'refresh=xyz',
            'access-purpose': 'asked%20by%20the%20aunt',
          },
        },
        res: { headers: { 'set-cookie': 'ff_refresh=uvw; HttpOnly' } },
        payload: {
          givenName: 'Jane',
          familyName: 'Doe',
          dateOfBirth: '1984-02-03',
          address: '12 Main St',
          summary: 'free text',
          password: 'hunter2hunter2',
          email: 'jane@example.org',
          purpose: 'checking on Jane',
        },
      },
      'something',
    );
    const line = lines.join('');
    for (const secret of [
      'abc.def',
      'refresh=xyz',
      'ff_refresh=uvw',
      'Jane',
      'Doe',
      '1984',
      'Main St',
      'free text',
      'hunter2',
      'jane@',
      'aunt',
      'checking on',
    ]) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('[redacted]');
  });

  // Written out here, not read from redactedPaths: removing a field from the list must fail this
  // test. Each is a key that can carry identity, free text or a credential somewhere in the API.
  const personalFields = [
    'people',
    'identity',
    'givenName',
    'familyName',
    'displayName',
    'name',
    'dateOfBirth',
    'address',
    'summary',
    'notes',
    'body',
    'purpose',
    'email',
    'password',
    'newPassword',
    'token',
    'accessToken',
    'refreshToken',
    'totpCode',
    'recoveryCode',
    'fingerprint',
    'fingerprints',
    // Credentials and the stated purpose of an identity view, wherever they are copied to.
    'authorization',
    'cookie',
    'access-purpose',
  ];

  it.each(personalFields)('censors %s wherever it appears, and whatever it holds', (field) => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = pino(loggerOptions(testConfig({ LOG_LEVEL: 'info' })) as pino.LoggerOptions, sink);
    const secret = `secret-${field}-value`;
    // A string, and a structure (people is an array of persons, identity an object).
    log.info({ situation: { [field]: secret } }, 'a string');
    log.info({ change: { [field]: [{ givenName: secret, note: secret }] } }, 'a structure');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toContain(secret);
      expect(JSON.parse(line)).toMatchObject({ msg: expect.any(String) });
      expect(line).toContain('[redacted]');
    }
  });

  describe('on a terminal', () => {
    const wasTTY = Object.getOwnPropertyDescriptor(process.stdout, 'isTTY');
    const setTTY = (value: boolean) =>
      Object.defineProperty(process.stdout, 'isTTY', { value, configurable: true });
    afterEach(() => {
      if (wasTTY) Object.defineProperty(process.stdout, 'isTTY', wasTTY);
      else delete (process.stdout as { isTTY?: boolean }).isTTY;
    });

    it('prints readable lines, with the time and without pid and host, outside tests', () => {
      setTTY(true);
      expect(loggerOptions(testConfig({ NODE_ENV: 'development', LOG_LEVEL: 'info' }))).toEqual({
        level: 'info',
        redact: { paths: expect.any(Array), censor: '[redacted]' },
        transport: {
          target: 'pino-pretty',
          options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
        },
      });
    });

    it('keeps JSON lines in tests, and wherever the output is not a terminal', () => {
      setTTY(true);
      expect(loggerOptions(testConfig({ LOG_LEVEL: 'info' }))).not.toHaveProperty('transport');
      setTTY(false);
      const options = loggerOptions(testConfig({ NODE_ENV: 'development', LOG_LEVEL: 'info' }));
      expect(options).not.toHaveProperty('transport');
      expect(options).toMatchObject({ level: 'info', redact: { censor: '[redacted]' } });
    });
  });
});
