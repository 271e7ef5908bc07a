/**
 * While the database cannot be reached, every API route answers 503 DATABASE_UNAVAILABLE (with
 * Retry-After) within 2 seconds, readiness answers 503, and the process stays up, whether nothing
 * listens, the server accepts connections but never answers, or it cuts a connection in the middle
 * of a query (which, without a listener on checked-out clients, ended the process).
 */
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { REFRESH_COOKIE } from '@fourfold/shared/auth';
import { buildApp } from '../../src/app';
import { openDatabase, type DatabaseHandle } from '../../src/db/database';
import {
  TEST_IDENTITY_KEY,
  TEST_REPEAT_KEY,
  TEST_TOKEN_SECRET,
  testConfig,
  testSecrets,
} from '../helpers/test-app';

type Logged = { level: string; obj: object; msg: string };

function capturingLog(lines: Logged[]) {
  const at =
    (level: string) =>
    (...args: unknown[]) => {
      lines.push({ level, obj: args[0] as object, msg: String(args[1]) });
    };
  return { error: at('error'), warn: at('warn'), info: at('info') };
}

/** A TCP server for the app's database URL; `onSocket` decides how it (mis)behaves. */
async function fakeServer(onSocket: (socket: net.Socket) => void) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port where nothing listens (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = await fakeServer(() => {});
  await server.close();
  return server.port;
}

/**
 * Speaks just enough of the PostgreSQL protocol to let a client connect (AuthenticationOk,
 * ReadyForQuery), then ends the connection as soon as a query arrives: what a client sees when
 * the server is stopped, or its backend terminated, while a query runs.
 */
function cutsConnectionOnFirstQuery(socket: net.Socket) {
  let started = false;
  socket.on('data', () => {
    if (started) {
      socket.destroy();
      return;
    }
    started = true;
    const authOk = Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 0]);
    const ready = Buffer.from([0x5a, 0, 0, 0, 5, 0x49]);
    socket.write(Buffer.concat([authOk, ready]));
  });
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function appOn(port: number, lines: Logged[] = []) {
  const config = testConfig({
    DATABASE_URL: `postgres://fourfold@127.0.0.1:${port}/fourfold`,
    AUTH_TOKEN_SECRET: TEST_TOKEN_SECRET,
    IDENTITY_KEY: TEST_IDENTITY_KEY,
    REPEAT_KEY: TEST_REPEAT_KEY,
    // Required with DATABASE_URL; these requests send no mail.
    SMTP_URL: 'smtp://127.0.0.1:9',
  });
  // The default connection timeout, on purpose: it is what keeps answers under 2 seconds.
  expect(config.database.kind === 'postgres' && config.database.connectTimeoutMs).toBe(1500);
  const database: DatabaseHandle = await openDatabase(config.database, capturingLog(lines));
  const app = await buildApp(config, { database, secrets: testSecrets() });
  await app.ready();
  cleanups.push(async () => {
    await app.close();
    await database.close();
  });
  const token = app.jwt.sign({ sub: randomUUID(), sid: randomUUID(), epoch: 0, mfa: false });
  return { app, headers: { authorization: `Bearer ${token}` } };
}

async function expectDatabaseUnavailable(app: FastifyInstance, request: InjectOptions) {
  const started = performance.now();
  const res = await app.inject(request);
  const elapsed = performance.now() - started;
  expect(res.statusCode).toBe(503);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.headers['retry-after']).toBe('2');
  expect(res.json()).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
  expect(elapsed).toBeLessThan(2000);
}

describe('a database that cannot be reached', () => {
  it('answers 503 DATABASE_UNAVAILABLE on authenticated and public routes when nothing listens', async () => {
    const { app, headers } = await appOn(await closedPort());
    await expectDatabaseUnavailable(app, { method: 'GET', url: '/api/me', headers });
    await expectDatabaseUnavailable(app, { method: 'GET', url: '/api/taxonomy', headers });
    await expectDatabaseUnavailable(app, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'someone@example.org', password: 'not-the-password-1234' },
    });
    const ready = await app.inject({ method: 'GET', url: '/api/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('answers 503 within 2 seconds when the server accepts connections but never answers', async () => {
    const server = await fakeServer(() => {});
    cleanups.push(() => server.close());
    const { app, headers } = await appOn(server.port);
    // Several at once: the ones waiting for a pool slot must give up in time too.
    await Promise.all(
      Array.from({ length: 12 }, () =>
        expectDatabaseUnavailable(app, { method: 'GET', url: '/api/me', headers }),
      ),
    );
    const started = performance.now();
    const ready = await app.inject({ method: 'GET', url: '/api/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('survives a connection cut while a query runs, answering 503 and logging no driver message', async () => {
    const server = await fakeServer(cutsConnectionOnFirstQuery);
    cleanups.push(() => server.close());
    const lines: Logged[] = [];
    const { app, headers } = await appOn(server.port, lines);
    for (let i = 0; i < 3; i += 1) {
      await expectDatabaseUnavailable(app, { method: 'GET', url: '/api/me', headers });
    }
    // Each lost connection was noticed on the checked-out client (no uncaught 'error' event,
    // which would fail this test run) and logged by class and code, never by message.
    const lost = lines.filter((line) => line.msg === 'database connection lost');
    expect(lost.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(lines)).not.toMatch(/terminated|unexpectedly/i);
    const ready = await app.inject({ method: 'GET', url: '/api/health/ready' });
    expect(ready.statusCode).toBe(503);
  });

  it('keeps the refresh cookie when a refresh meets the outage: an outage signs nobody out', async () => {
    const { app } = await appOn(await closedPort());
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      cookies: { [REFRESH_COOKIE]: 'a-refresh-token-that-was-never-checked' },
    });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});
