import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
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
});
