/** The signed-in person's two-step verification: set up, confirm, turn off, new recovery codes. */
import type { Kysely } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sessionResponseSchema } from '@fourfold/shared/auth';
import {
  recoveryCodesResponseSchema,
  secondFactorConfirmRequestSchema,
  secondFactorConfirmResponseSchema,
  secondFactorProofSchema,
  secondFactorSetupRequestSchema,
  secondFactorSetupResponseSchema,
} from '@fourfold/shared/credentials';
import { problemSchema } from '@fourfold/shared/problem';
import type { DB } from '../../db/schema';
import { requireActor } from '../../lib/access';
import { requestContext, sessionBody, setSessionCookies } from './auth.routes';
import type { AuthService } from './auth.service';
import { createReauthentication } from './reauthentication';
import { createSecondFactorService } from './second-factor.service';
import type { TotpSecrets } from './totp-secrets';

export type CredentialRoutesOptions = {
  db: Kysely<DB>;
  authService: AuthService;
  totpSecrets: TotpSecrets;
  secrets: { tokenSecret: string };
};

export const secondFactorRoutes: FastifyPluginAsyncZod<CredentialRoutesOptions> = async (
  app,
  { db, authService, totpSecrets, secrets: { tokenSecret } },
) => {
  const service = createSecondFactorService({
    db,
    authService,
    totpSecrets,
    reauthentication: createReauthentication({ db, tokenSecret, totpSecrets }),
  });
  const common = {
    config: { access: 'authenticated' as const },
    tags: ['account'],
  };

  app.post(
    '/me/second-factor/setup',
    {
      config: common.config,
      schema: {
        tags: common.tags,
        summary:
          'Start setting up two-step verification: a new secret, shown once (password required)',
        body: secondFactorSetupRequestSchema,
        response: {
          200: secondFactorSetupResponseSchema,
          401: problemSchema,
          409: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request) => service.setup(requireActor(request), request.body, requestContext(request)),
  );

  app.post(
    '/me/second-factor/confirm',
    {
      config: common.config,
      schema: {
        tags: common.tags,
        summary:
          'Confirm the set-up with a first code: turns two-step verification on, returns the recovery codes (once) and a fresh session',
        body: secondFactorConfirmRequestSchema,
        response: {
          200: secondFactorConfirmResponseSchema,
          401: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const result = await service.confirm(
        requireActor(request),
        request.body,
        requestContext(request),
      );
      setSessionCookies(reply, result.session);
      return { session: sessionBody(result.session), recoveryCodes: result.recoveryCodes };
    },
  );

  app.delete(
    '/me/second-factor',
    {
      config: common.config,
      schema: {
        tags: common.tags,
        summary: 'Turn two-step verification off (password and a code required); a fresh session',
        body: secondFactorProofSchema,
        response: {
          200: sessionResponseSchema,
          401: problemSchema,
          409: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const session = await service.disable(
        requireActor(request),
        request.body,
        requestContext(request),
      );
      setSessionCookies(reply, session);
      return sessionBody(session);
    },
  );

  app.post(
    '/me/second-factor/recovery-codes',
    {
      config: common.config,
      schema: {
        tags: common.tags,
        summary:
          'Replace the recovery codes (password and a code required); the old ones stop working',
        body: secondFactorProofSchema,
        response: {
          200: recoveryCodesResponseSchema,
          401: problemSchema,
          409: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request) =>
      service.regenerateRecoveryCodes(requireActor(request), request.body, requestContext(request)),
  );
};
