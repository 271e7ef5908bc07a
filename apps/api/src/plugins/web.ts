/**
 * Serves the built web app from the same process and port as the API: hashed assets with a long
 * cache, precompressed (brotli or gzip, made at build), and index.html for any other GET outside
 * /api so that client-side routes load directly.
 * Absent a build (tests, `pnpm dev`, where Vite serves the web), only the API answers.
 */
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { sendProblem } from './errors';

export default fp<{ root: string | undefined }>(
  async (app, { root }) => {
    if (root) {
      await app.register(fastifyStatic, {
        root,
        wildcard: false,
        index: false,
        // The build leaves .br and .gz beside each asset (apps/web/vite.config.ts): sent as they
        // are, with Content-Encoding and Vary, to a client that accepts them.
        preCompressed: true,
        setHeaders(res, filePath) {
          res.header(
            'cache-control',
            filePath.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      });
    }
    app.setNotFoundHandler((request, reply) => {
      const wantsPage =
        root !== undefined &&
        (request.method === 'GET' || request.method === 'HEAD') &&
        !request.url.startsWith('/api') &&
        (request.headers.accept ?? '').includes('text/html');
      if (wantsPage) return reply.header('cache-control', 'no-cache').sendFile('index.html');
      return sendProblem(request, reply, 'NOT_FOUND', { detail: 'No such resource.' });
    });
  },
  { name: 'web', dependencies: ['errors'] },
);
