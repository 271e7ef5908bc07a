/**
 * /api/me/work: the signed-in person's work home, table by table. Any signed-in person may ask
 * (an administrator or a person without a table gets none); what each table shows is decided
 * inside, per table and per situation, by the access policy.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemSchema } from '@fourfold/shared/problem';
import { workHomeSchema } from '@fourfold/shared/work';
import { requireActor } from '../../lib/access';
import type { WorkService } from './work.service';

export const workRoutes: FastifyPluginAsyncZod<{ work: WorkService }> = async (app, { work }) => {
  app.get(
    '/me/work',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['work'],
        summary: 'Your work, table by table: what waits for you there, by your role',
        description:
          'Representatives: their agency’s drafts, situations waiting for its involvement answer, ' +
          'interventions where it is lead or assisting (with the first-contact clock). ' +
          'Coordinators: the same, plus what waits for the table’s decision. Privacy officers: ' +
          'the latest identity views (this read is audited) and pending memberships. Each ' +
          'section lists at most 20 de-identified situations and gives the total.',
        response: { 200: workHomeSchema, 401: problemSchema },
      },
    },
    async (request) => work.forPerson({ actor: requireActor(request), requestId: request.id }),
  );
};
