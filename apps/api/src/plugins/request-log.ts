/**
 * One log line per request, written when the response is sent: request id, method, the route
 * pattern (never the concrete URL or query string, which could carry a value), status and time.
 */
import fp from 'fastify-plugin';

export default fp(
  async (app) => {
    app.addHook('onResponse', async (request, reply) => {
      request.log.info(
        {
          method: request.method,
          route: request.routeOptions.url ?? 'unmatched',
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime),
        },
        'request',
      );
    });
  },
  { name: 'request-log' },
);
