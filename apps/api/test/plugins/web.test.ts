/**
 * The web app's files as the API serves them: hashed assets precompressed (brotli, else gzip, else
 * as built), cached for a year; index.html for a page of the client's routes, never cached.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import errors from '../../src/plugins/errors';
import web from '../../src/plugins/web';

const SCRIPT = 'console.log("the app");'.repeat(100);

let root: string;
let app: FastifyInstance;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'fourfold-web-'));
  await mkdir(path.join(root, 'assets'));
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Fourfold</title>');
  // Stand-ins for what the build writes: distinct contents, so the test sees which one was sent.
  await writeFile(path.join(root, 'assets/index-abc123.js'), SCRIPT);
  await writeFile(path.join(root, 'assets/index-abc123.js.br'), 'brotli bytes');
  await writeFile(path.join(root, 'assets/index-abc123.js.gz'), 'gzip bytes');
  app = Fastify();
  await app.register(errors);
  await app.register(web, { root });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await rm(root, { recursive: true, force: true });
});

const asset = (acceptEncoding?: string) =>
  app.inject({
    method: 'GET',
    url: '/assets/index-abc123.js',
    headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
  });

describe('the web app’s files', () => {
  it('sends an asset precompressed with brotli to a browser that takes it', async () => {
    const res = await asset('gzip, deflate, br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.body).toBe('brotli bytes');
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('sends gzip to a client that takes only gzip, and the file as built to one that takes neither', async () => {
    const gzip = await asset('gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.body).toBe('gzip bytes');
    const plain = await asset();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  it('answers a page of the client’s routes with index.html, not cached', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/tables',
      headers: { accept: 'text/html', 'accept-encoding': 'br' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<title>Fourfold</title>');
    expect(res.headers['cache-control']).toBe('no-cache');
  });
});
