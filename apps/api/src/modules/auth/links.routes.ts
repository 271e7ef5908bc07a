/**
 * Using a one-time invitation or reset link: public, since the person has no password yet. The
 * token travels in the body; the web page reads it from the URL fragment, which browsers never
 * send to a server.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sessionResponseSchema } from '@fourfold/shared/auth';
import {
  linkCompleteRequestSchema,
  linkInspectRequestSchema,
  linkInspectResponseSchema,
} from '@fourfold/shared/credentials';
import { problemSchema } from '@fourfold/shared/problem';
import { requestContext, sessionBody, setSessionCookies } from './auth.routes';
import { createLinksService } from './links.service';
import type { CredentialRoutesOptions } from './second-factor.routes';

export const linksRoutes: FastifyPluginAsyncZod<CredentialRoutesOptions> = async (
  app,
  { db, authService, secrets: { tokenSecret } },
) => {
  const service = createLinksService({ db, tokenSecret, authService });

  app.post(
    '/auth/links/inspect',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'What an invitation or reset link is for, and whose account it is',
        body: linkInspectRequestSchema,
        response: { 200: linkInspectResponseSchema, 410: problemSchema, 429: problemSchema },
      },
    },
    async (request) => service.inspect(request.body.token, requestContext(request)),
  );

  app.post(
    '/auth/links/complete',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Set a password with an invitation or reset link, and sign in',
        description:
          'A weak password is refused with 422 WEAK_PASSWORD (reason keys in invalidParams); a used, expired or unknown link with 410 LINK_INVALID.',
        body: linkCompleteRequestSchema,
        response: {
          200: sessionResponseSchema,
          410: problemSchema,
          422: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const session = await service.complete(request.body, requestContext(request));
      setSessionCookies(reply, session);
      return sessionBody(session);
    },
  );
};
