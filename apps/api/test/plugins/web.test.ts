/**
 * The web app's files as the API serves them: hashed assets precompressed (brotli, else gzip, else
 * as built), cached for a year; index.html for a page of the client's routes, never cached, with
 * the preload links of the build's route-preloads.json for the addresses it lists.
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
  await writeFile(
    path.join(root, 'index.html'),
    '<!doctype html><html><head><title>Fourfold</title></head><body></body></html>',
  );
  await mkdir(path.join(root, '.vite'));
  await writeFile(
    path.join(root, '.vite/route-preloads.json'),
    JSON.stringify([
      // gone-1.js: listed, but not in the build.
      {
        path: '/',
        scripts: ['/assets/home-1.js', '/assets/gone-1.js', '/assets/zod-1.js'],
        styles: [],
      },
      {
        path: '/situations/:situationId',
        scripts: ['/assets/situation-1.js'],
        styles: ['/assets/situation-1.css'],
      },
    ]),
  );
  // Stand-ins for what the build writes: distinct contents, so the test sees which one was sent.
  await writeFile(path.join(root, 'assets/index-abc123.js'), SCRIPT);
  await writeFile(path.join(root, 'assets/index-abc123.js.br'), 'brotli bytes');
  await writeFile(path.join(root, 'assets/index-abc123.js.gz'), 'gzip bytes');
  for (const file of ['home-1.js', 'zod-1.js', 'situation-1.js', 'situation-1.css']) {
    await writeFile(path.join(root, 'assets', file), SCRIPT);
  }
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

  describe('names the code of the page people open first at its address', () => {
    const page = async (url: string) => {
      const res = await app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      return res.body;
    };
    const preloads = (html: string) =>
      [...html.matchAll(/<link rel="(modulepreload|preload)"[^>]*href="([^"]+)"/g)].map(
        (match) => `${match[1]} ${match[2]}`,
      );

    it('the home’s at /, in the head, whatever the query, and only files the build holds', async () => {
      const html = await page('/?from=notification');
      expect(preloads(html)).toEqual([
        'modulepreload /assets/home-1.js',
        'modulepreload /assets/zod-1.js',
      ]);
      expect(html.indexOf('/assets/zod-1.js')).toBeLessThan(html.indexOf('</head>'));
      expect(html).toContain('<title>Fourfold</title>');
    });

    it('a situation’s, with its styles, at /situations/<any id>', async () => {
      expect(preloads(await page('/situations/0b8d2f1e-1111-4000-8000-000000000001'))).toEqual([
        'modulepreload /assets/situation-1.js',
        'preload /assets/situation-1.css',
      ]);
    });

    it('none at any other address, nor at a longer or an empty id', async () => {
      for (const url of [
        '/sign-in',
        '/situations',
        '/situations/',
        '/situations/x/edit',
        '/tables',
      ]) {
        expect(preloads(await page(url)), url).toEqual([]);
      }
    });

    it('does not serve the list itself', async () => {
      const res = await app.inject({ method: 'GET', url: '/.vite/route-preloads.json' });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('home-1');
    });
  });
});
