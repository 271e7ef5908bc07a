import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../src/lib/database-errors';

const withCode = (code: string, message = 'some message with a value 555-0100') =>
  Object.assign(new Error(message), { code });

// prettier-ignore
const unavailable: Array<[string, unknown]> = [
  ['SQLSTATE 08006 connection failure',           withCode('08006')],
  ['SQLSTATE 08001 cannot establish',             withCode('08001')],
  ['SQLSTATE 08P01 protocol violation',           withCode('08P01')],
  ['SQLSTATE 57P01 admin shutdown',               withCode('57P01')],
  ['SQLSTATE 57P02 crash shutdown',               withCode('57P02')],
  ['SQLSTATE 57P03 starting up',                  withCode('57P03')],
  ['SQLSTATE 53300 too many connections',         withCode('53300')],
  ['ECONNREFUSED',                                withCode('ECONNREFUSED')],
  ['ECONNRESET',                                  withCode('ECONNRESET')],
  ['ETIMEDOUT',                                   withCode('ETIMEDOUT')],
  ['EPIPE',                                       withCode('EPIPE')],
  ['ENOTFOUND',                                   withCode('ENOTFOUND')],
  ['pg-pool connect timeout',                     new Error('timeout exceeded when trying to connect')],
  ['pg connection terminated unexpectedly',       new Error('Connection terminated unexpectedly')],
  ['pg-pool connection timeout',                  new Error('Connection terminated due to connection timeout')],
  ['pg client not queryable',                     new Error('Client has encountered a connection error and is not queryable')],
  ['pg client closed',                            new Error('Client was closed and is not queryable')],
  ['Kysely discarded connection',                 new Error('Postgres connection has been discarded')],
  ['dual-stack connect (AggregateError)',         new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')])],
  ['wrapped in a cause',                          new Error('migrating failed', { cause: withCode('57P01') })],
];

// prettier-ignore
const otherErrors: Array<[string, unknown]> = [
  ['unique violation 23505',                      withCode('23505')],
  ['invalid text representation 22P02',           withCode('22P02')],
  ['query canceled 57014 (statement timeout)',    withCode('57014')],
  ['syntax error 42601',                          withCode('42601')],
  ['a message that merely mentions a connection', new Error('duplicate key: Connection terminated unexpectedly')],
  ['a plain error',                               new Error('boom')],
  ['not an error',                                { code: 'ECONNREFUSED' }],
  ['a string',                                    'ECONNREFUSED'],
  ['undefined',                                   undefined],
];

describe('isDatabaseUnavailable', () => {
  it.each(unavailable)('says the database is unavailable for %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each(otherErrors)('says nothing of the kind for %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
