/**
 * GET /api/stats/summary: the suppressed and rounded counts of the tables and months asked for
 * (statistics.read; see statistics.service.ts for access and summary.ts for disclosure control).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { statsSummaryQuerySchema, statsSummarySchema } from '@fourfold/shared/statistics';
import { requireActor } from '../../lib/access';
import { readProblems } from '../../lib/route-problems';
import type { StatisticsService } from './statistics.service';

const tags = ['statistics'];

export const statisticsRoutes: FastifyPluginAsyncZod<{ statistics: StatisticsService }> = async (
  app,
  { statistics },
) => {
  app.get(
    '/stats/summary',
    {
      config: { access: { permission: 'statistics.read' } },
      schema: {
        tags,
        summary: 'Counts of discussed situations by dimension and period, suppressed and rounded',
        description:
          'tableId may repeat; none means every table where you may read statistics. Counts from ' +
          '1 to the threshold − 1 are never published ("suppressed", with complementary ' +
          'suppression); every other count is 0 or a sum of randomly rounded cells (base 5). ' +
          'Each read is audited, once per table.',
        querystring: statsSummaryQuerySchema,
        response: { 200: statsSummarySchema, ...readProblems },
      },
    },
    async (request) =>
      statistics.summary(requireActor(request), request.query, { requestId: request.id }),
  );
};
