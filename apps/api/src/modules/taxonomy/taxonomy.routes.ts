/**
 * The code lists: every signed-in person reads them (forms offer the active codes, records show
 * labels). Administrators edit them under /api/admin/code-lists (modules/admin/code-lists.*).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemSchema } from '@fourfold/shared/problem';
import { taxonomySchema } from '@fourfold/shared/taxonomy';
import type { DatabaseHandle } from '../../db/database';
import { getTaxonomy } from './taxonomy.service';

export const taxonomyRoutes: FastifyPluginAsyncZod<{ database: DatabaseHandle }> = async (
  app,
  { database },
) => {
  app.get(
    '/taxonomy',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['taxonomy'],
        summary: 'The code lists, with English and French labels',
        response: { 200: taxonomySchema, 401: problemSchema },
      },
    },
    async () => getTaxonomy(database.db),
  );
};
