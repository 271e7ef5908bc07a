/**
 * Compresses answers of 1 KB or more with brotli or gzip, as the client's Accept-Encoding allows
 * (@fastify/compress; brotli at quality 4, its recommended default for answers made per request).
 *
 * Sent as they are:
 * - answers already encoded: the web app's precompressed files (plugins/web.ts) carry their
 *   Content-Encoding, which @fastify/compress leaves alone;
 * - routes whose 200 answer is declared as a file or a stream (`content` in the response schema:
 *   the statistics exports, the minutes PDF, the meeting's event stream): a compressor holds bytes
 *   back until it has enough to compress, and these must reach the client as they are written.
 *   (The event stream is also written on the raw response, past every hook.)
 * - the credential routes (/api/auth/*, /api/me/*: tokens, second-factor secrets, recovery codes),
 *   so that no secret ever shares a compressed body with text a third party chose (BREACH); see
 *   ARCHITECTURE.md, "Compression".
 * Request bodies are not decompressed: no client sends them compressed, and a compressed body
 * would slip past the body limit's intent.
 */
import fp from 'fastify-plugin';
import compress from '@fastify/compress';
import type { RouteOptions } from 'fastify';

/** Answers smaller than this are sent as they are: compressing them saves too little. */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

const CREDENTIAL_PREFIXES = ['/api/auth/', '/api/me/'];

/** Why a route's answers are never compressed, or undefined when they may be. */
export function uncompressedBecause(
  route: Pick<RouteOptions, 'url' | 'schema'>,
): string | undefined {
  if (CREDENTIAL_PREFIXES.some((prefix) => route.url.startsWith(prefix))) return 'credentials';
  const ok = (route.schema?.response as Record<string, unknown> | undefined)?.['200'];
  if (ok && typeof ok === 'object' && 'content' in ok) return 'file or stream';
  return undefined;
}

export default fp(
  async (app) => {
    // Before @fastify/compress's own onRoute hook, which reads `compress` as each route is added.
    app.addHook('onRoute', (route) => {
      if (uncompressedBecause(route)) route.compress = false;
    });
    await app.register(compress, {
      global: true,
      globalDecompression: false,
      encodings: ['br', 'gzip'],
      threshold: COMPRESSION_THRESHOLD_BYTES,
    });
  },
  { name: 'compression' },
);
