/**
 * API answers compressed when large (brotli, else gzip), and never where compression would hold
 * bytes back or mix a secret with chosen text: the event stream, the streamed exports, the
 * credential routes. The web app's precompressed files are sent as built, not compressed again.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { text } from '@fourfold/shared/input';
import compression, { uncompressedBecause } from '../../src/plugins/compression';
import errors from '../../src/plugins/errors';
import web from '../../src/plugins/web';
import { createMeeting, listen, openStream, recordEvent } from '../helpers/event-stream';
import { createAgency, createTable, createUser, signIn, type SignedIn } from '../helpers/fixtures';
import { createCast, type Cast } from '../helpers/situations';
import { insertFacts } from '../helpers/statistics-facts';
import { closeTestApp, createTestApp, type TestApp } from '../helpers/test-app';

/** About 6 KB of JSON: over the threshold, and very compressible. */
const LARGE = { rows: Array.from({ length: 200 }, (_, i) => `row ${i} of the answer`) };
const largeSchema = z.object({ rows: z.array(text()) });

describe('API answers', () => {
  let t: TestApp;
  let baseUrl: string;
  let cast: Cast;
  let analyst: SignedIn;
  let statsTableId: string;

  beforeAll(async () => {
    t = await createTestApp({
      deps: {
        extraApiRoutes: async (api) => {
          const typed = api.withTypeProvider<ZodTypeProvider>();
          const config = { access: 'public' as const };
          const schema = { response: { 200: largeSchema } };
          typed.get('/test/large', { config, schema }, async () => LARGE);
          typed.get('/test/small', { config, schema }, async () => ({ rows: ['one'] }));
          // Under the credential prefix, as sign-in and the second-factor routes are.
          typed.get('/auth/test-large', { config, schema }, async () => LARGE);
          typed.get('/me/test-large', { config, schema }, async () => LARGE);
          // Declared as a file: sent as written, like the exports.
          typed.get(
            '/test/file',
            {
              config,
              schema: { response: { 200: { content: { 'text/csv': { schema: text() } } } } },
            },
            // A stream is sent as it is (no serializer runs), as the exports do.
            async (_request, reply) => {
              const rows = Readable.from(LARGE.rows.map((row) => `${row}\n`));
              return reply.type('text/csv').send(rows as unknown as string);
            },
          );
        },
      },
    });
    baseUrl = await listen(t.app);
    cast = await createCast(t.app, t.database.db);

    const db = t.database.db;
    const agency = await createAgency(db);
    statsTableId = (await createTable(db, { agencyIds: [agency.id] })).id;
    const user = await createUser(db, {
      agencyId: agency.id,
      memberships: [{ tableId: statsTableId, role: 'analyst' }],
    });
    analyst = await signIn(t.app, user.email);
    await insertFacts(
      db,
      { tableId: statsTableId, agencyId: agency.id, userId: user.id },
      Array.from({ length: 60 }, (_, i) => ({
        month: `2025-${String(1 + (i % 12)).padStart(2, '0')}`,
      })),
    );
  });
  afterAll(async () => closeTestApp(t));

  const get = (url: string, acceptEncoding?: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      url,
      headers: { ...headers, ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) },
    });

  it('are compressed with brotli when large and the client takes it, with Vary', async () => {
    const res = await get('/api/test/large', 'gzip, deflate, br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    expect(res.rawPayload.length).toBeLessThan(JSON.stringify(LARGE).length / 4);
    expect(JSON.parse(brotliDecompressSync(res.rawPayload).toString())).toEqual(LARGE);
  });

  it('are compressed with gzip for a client that takes only gzip', async () => {
    const res = await get('/api/test/large', 'gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(res.rawPayload).toString())).toEqual(LARGE);
  });

  it('are sent as they are to a client that takes no encoding, and when small', async () => {
    const plain = await get('/api/test/large');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.json()).toEqual(LARGE);
    const small = await get('/api/test/small', 'br, gzip');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json()).toEqual({ rows: ['one'] });
  });

  it('of the credential routes are never compressed, however large', async () => {
    for (const url of ['/api/auth/test-large', '/api/me/test-large']) {
      const res = await get(url, 'br, gzip');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-encoding'], url).toBeUndefined();
      expect(res.json()).toEqual(LARGE);
    }
    expect(uncompressedBecause({ url: '/api/auth/login' })).toBe('credentials');
    expect(uncompressedBecause({ url: '/api/me/second-factor/setup' })).toBe('credentials');
    expect(uncompressedBecause({ url: '/api/situations/:id' })).toBeUndefined();
  });

  it('declared as a file are sent as written', async () => {
    const res = await get('/api/test/file', 'br, gzip');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.split('\n')[0]).toBe('row 0 of the answer');
  });

  it('of the statistics export stream out uncompressed', async () => {
    const res = await get(
      `/api/stats/export.csv?tableId=${statsTableId}&from=2025-01&to=2025-12`,
      'br, gzip',
      analyst.headers,
    );
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.length).toBeGreaterThan(1024);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toMatch(/# rows: /);
  });

  it('of the live meeting view deliver each event at once to a client that takes br and gzip', async () => {
    const { id: meetingId } = await createMeeting(
      t.database.db,
      cast.tableId,
      cast.users.coordinator.id,
    );
    const client = await openStream(baseUrl, meetingId, {
      ...cast.sessions.lead.headers,
      'accept-encoding': 'br, gzip',
    });
    try {
      expect(client.status).toBe(200);
      expect(client.headers.get('content-encoding')).toBeNull();
      for (let i = 1; i <= 3; i += 1) {
        await recordEvent(t.database.db, meetingId, 'agenda.changed');
        // The live view's promise: within a second of the commit.
        await client.waitForEvents(i, 1000);
      }
    } finally {
      client.close();
    }
  });
});

describe('the web app’s precompressed files, with compression on', () => {
  const SCRIPT = 'console.log("the app");'.repeat(100);
  let root: string;
  const app = Fastify();

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'fourfold-compress-'));
    await mkdir(path.join(root, 'assets'));
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Fourfold</title>');
    await writeFile(path.join(root, 'assets/index-abc123.js'), SCRIPT);
    await writeFile(path.join(root, 'assets/index-abc123.js.br'), 'brotli bytes');
    await writeFile(path.join(root, 'assets/index-abc123.js.gz'), 'gzip bytes');
    // The order of app.ts: errors, compression, then the web app.
    await app.register(errors);
    await app.register(compression);
    await app.register(web, { root });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await rm(root, { recursive: true, force: true });
  });

  it('are sent as built, not compressed again', async () => {
    for (const [accept, encoding, body] of [
      ['br, gzip', 'br', 'brotli bytes'],
      ['gzip', 'gzip', 'gzip bytes'],
    ] as const) {
      const res = await app.inject({
        url: '/assets/index-abc123.js',
        headers: { 'accept-encoding': accept },
      });
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.body).toBe(body);
    }
  });
});
