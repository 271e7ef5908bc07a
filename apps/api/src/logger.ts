/**
 * Logger options: one JSON line per event (readable on a terminal), with every field that can carry
 * personal data redacted. Request logging is ours (plugins/request-log.ts), not Fastify's, so a line
 * never carries a query string or a body.
 */
import type { FastifyServerOptions } from 'fastify';
import type { Config } from './config';

/**
 * Paths censored wherever they appear in a logged object: credentials, and the fields that hold
 * names, dates of birth, addresses and free text. Keep this list in step with the schemas.
 */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["access-purpose"]',
  'res.headers["set-cookie"]',
  '*["access-purpose"]',
  '*.purpose',
  '*.authorization',
  '*.cookie',
  '*.password',
  '*.newPassword',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.totpCode',
  '*.recoveryCode',
  '*.email',
  '*.givenName',
  '*.familyName',
  '*.displayName',
  '*.name',
  '*.dateOfBirth',
  '*.address',
  '*.summary',
  '*.notes',
  '*.body',
  '*.people',
  '*.identity',
  '*.fingerprint',
  '*.fingerprints',
];

export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  const base = {
    level: config.logLevel,
    redact: { paths: redactedPaths, censor: '[redacted]' },
  };
  if (process.stdout.isTTY && config.env !== 'test') {
    return {
      ...base,
      transport: {
        target: 'pino-pretty',
        options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
      },
    };
  }
  return base;
}
