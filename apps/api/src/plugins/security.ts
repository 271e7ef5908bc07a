/**
 * Security headers for every response (helmet, with a strict content security policy fit for the
 * built single-page app) and Cache-Control: no-store on every /api answer, so that no browser or
 * proxy cache keeps situation data.
 */
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';

export default fp(
  async (app) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          'frame-ancestors': ["'none'"],
          'form-action': ["'self'"],
          // HSTS does this job where TLS is in front; on plain-HTTP localhost it would break assets.
          'upgrade-insecure-requests': null,
        },
      },
      // The API and the web app are one origin; nothing is embedded cross-origin.
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    });
    app.addHook('onSend', async (request, reply, payload) => {
      if (request.url.startsWith('/api')) reply.header('cache-control', 'no-store');
      return payload;
    });
  },
  { name: 'security' },
);
