import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app';
import { openDatabase } from '../../../src/db/database';
import {
  testSecrets,
  closeTestApp,
  createTestApp,
  testConfig,
  type TestApp,
} from '../../helpers/test-app';
import { silentLog } from '../../helpers/test-env';

describe('health routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => closeTestApp(t));

  it('answers liveness without touching the database', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('reports ready after a database round trip', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', database: 'up' });
  });

  it('answers 503 on readiness while the database is unreachable, and stays alive', async () => {
    // A real pool pointed at a port where nothing listens: what a restarting server looks like.
    const unreachable = await openDatabase(
      {
        kind: 'postgres',
        url: 'postgres://fourfold@127.0.0.1:1/fourfold',
        poolMax: 1,
        connectTimeoutMs: 500,
        statementTimeoutMs: 1000,
      },
      silentLog,
    );
    const other = {
      app: await buildApp(testConfig(), {
        database: unreachable,
        secrets: testSecrets(),
      }),
    };
    const ready = await other.app.inject({ method: 'GET', url: '/api/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: 'unavailable', database: 'down' });
    const live = await other.app.inject({ method: 'GET', url: '/api/health' });
    expect(live.statusCode).toBe(200);
    await other.app.close();
    await unreachable.close();
  });
});
