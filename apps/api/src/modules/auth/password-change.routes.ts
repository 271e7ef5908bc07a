/** The signed-in person changes their own password. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sessionResponseSchema } from '@fourfold/shared/auth';
import { passwordChangeRequestSchema } from '@fourfold/shared/credentials';
import { problemSchema } from '@fourfold/shared/problem';
import { requireActor } from '../../lib/access';
import { requestContext, sessionBody, setSessionCookies } from './auth.routes';
import { createPasswordChangeService } from './password-change.service';
import { createReauthentication } from './reauthentication';
import type { CredentialRoutesOptions } from './second-factor.routes';

export const passwordChangeRoutes: FastifyPluginAsyncZod<CredentialRoutesOptions> = async (
  app,
  { db, authService, totpSecrets, secrets: { tokenSecret } },
) => {
  const service = createPasswordChangeService({
    db,
    authService,
    reauthentication: createReauthentication({ db, tokenSecret, totpSecrets }),
  });

  app.post(
    '/me/password',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['account'],
        summary:
          'Change the password (current one required); other sessions end, this browser gets a fresh one',
        description:
          'A weak new password is refused with 422 WEAK_PASSWORD and one invalidParams entry per reason key (password.too_short, password.guessable, password.warning.*, password.suggestion.*).',
        body: passwordChangeRequestSchema,
        response: {
          200: sessionResponseSchema,
          401: problemSchema,
          422: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const session = await service.change(
        requireActor(request),
        request.body,
        requestContext(request),
      );
      setSessionCookies(reply, session);
      return sessionBody(session);
    },
  );
};
