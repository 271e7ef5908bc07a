/** Liveness (the process answers) and readiness (the database answers a round trip). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { healthSchema, readinessSchema } from '@fourfold/shared/health';
import type { DatabaseHandle } from '../../db/database';

// Short, and never cached: red within a second of an outage, green within a second of recovery.
const READINESS_TIMEOUT_MS = 1000;

export const healthRoutes: FastifyPluginAsyncZod<{ database: DatabaseHandle }> = async (
  app,
  { database },
) => {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Liveness: the process is up',
        response: { 200: healthSchema },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/health/ready',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Readiness: the database answers',
        response: { 200: readinessSchema, 503: readinessSchema },
      },
    },
    async (_request, reply) => {
      const up = await withTimeout(database.ping(), READINESS_TIMEOUT_MS).then(
        () => true,
        () => false,
      );
      if (up) return { status: 'ready' as const, database: 'up' as const };
      return reply.code(503).send({ status: 'unavailable', database: 'down' });
    },
  );
};

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
