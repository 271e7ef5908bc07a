/**
 * Serves the built web app from the same process and port as the API: hashed assets with a long
 * cache, precompressed (brotli or gzip, made at build), and index.html for any other GET outside
 * /api so that client-side routes load directly. For the addresses of the pages people open first
 * (a home, a situation), index.html also names that page's code as `modulepreload` links, from the
 * build's route-preloads.json (apps/web/route-preloads.ts): a phone then fetches it beside the
 * first download instead of after it (#12, point 5).
 * Absent a build (tests, `pnpm dev`, where Vite serves the web), only the API answers.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
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
    const pageWithPreloads = root ? preloadedPages(root) : () => undefined;
    app.setNotFoundHandler((request, reply) => {
      const wantsPage =
        root !== undefined &&
        (request.method === 'GET' || request.method === 'HEAD') &&
        !request.url.startsWith('/api') &&
        (request.headers.accept ?? '').includes('text/html');
      if (wantsPage) {
        reply.header('cache-control', 'no-cache');
        const page = pageWithPreloads(request.url);
        if (page !== undefined) return reply.type('text/html; charset=utf-8').send(page);
        return reply.sendFile('index.html');
      }
      return sendProblem(request, reply, 'NOT_FOUND', { detail: 'No such resource.' });
    });
  },
  { name: 'web', dependencies: ['errors'] },
);

type RoutePreloads = { path: string; scripts: string[]; styles: string[] }[];

/**
 * index.html with the preload links of each address in the build's route-preloads.json, and a
 * lookup from a request's URL to the page for it (undefined: index.html as built). An address's
 * `:name` segment matches any one segment. A build without the file gets no links.
 */
function preloadedPages(root: string): (url: string) => string | undefined {
  const listFile = path.join(root, '.vite/route-preloads.json');
  if (!existsSync(listFile)) return () => undefined;
  const index = readFileSync(path.join(root, 'index.html'), 'utf8');
  // A file the build does not hold is left out: a preload answered 404 is an error in the console.
  const built = (href: string) => existsSync(path.join(root, href));
  const routes = (JSON.parse(readFileSync(listFile, 'utf8')) as RoutePreloads).map((route) => {
    const links = [
      ...route.scripts
        .filter(built)
        .map((href) => `<link rel="modulepreload" crossorigin href="${href}">`),
      ...route.styles
        .filter(built)
        .map((href) => `<link rel="preload" as="style" crossorigin href="${href}">`),
    ].join('');
    return { segments: route.path.split('/'), page: index.replace('</head>', `${links}</head>`) };
  });
  return (url) => {
    const segments = (url.split(/[?#]/, 1)[0] ?? '').split('/');
    return routes.find(
      (route) =>
        route.segments.length === segments.length &&
        route.segments.every((part, i) =>
          part.startsWith(':') ? (segments[i] ?? '') !== '' : part === segments[i],
        ),
    )?.page;
  };
}
