/** Sign-in, token refresh, sign-out, and the signed-in person's profile. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  REFRESH_COOKIE,
  loginRequestSchema,
  meSchema,
  sessionResponseSchema,
} from '@fourfold/shared/auth';
import { problemSchema } from '@fourfold/shared/problem';
import { requireActor } from '../../lib/access';
import { AppError } from '../../lib/errors';
import type { AuthService, IssuedSession } from './auth.service';
import { REFRESH_TOKEN_TTL_HOURS } from './auth.service';

const COOKIE_PATH = '/api/auth';

export function setRefreshCookie(reply: FastifyReply, token: string) {
  reply.setCookie(REFRESH_COOKIE, token, {
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
    path: COOKIE_PATH,
    maxAge: REFRESH_TOKEN_TTL_HOURS * 3600,
  });
}

export function sessionBody(session: IssuedSession) {
  return {
    accessToken: session.accessToken,
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    me: session.me,
  };
}

export const requestContext = (request: FastifyRequest) => ({
  clientAddress: request.ip,
  requestId: request.id,
});

export const authRoutes: FastifyPluginAsyncZod<{ authService: AuthService }> = async (
  app,
  { authService },
) => {
  app.post(
    '/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password (and a second factor when enrolled)',
        body: loginRequestSchema,
        response: { 200: sessionResponseSchema, 401: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      const session = await authService.login(request.body, requestContext(request));
      setRefreshCookie(reply, session.refreshToken);
      return sessionBody(session);
    },
  );

  app.post(
    '/auth/refresh',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Exchange the refresh cookie for a new access token (the cookie rotates)',
        response: { 200: sessionResponseSchema, 401: problemSchema },
      },
    },
    async (request, reply) => {
      const token = request.cookies[REFRESH_COOKIE];
      if (!token) throw new AppError('UNAUTHENTICATED', 'Please sign in again.');
      try {
        const session = await authService.refresh(token, requestContext(request));
        setRefreshCookie(reply, session.refreshToken);
        return sessionBody(session);
      } catch (error) {
        reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
        throw error;
      }
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign out: revoke the refresh token family and clear the cookie',
        response: { 204: z.undefined() },
      },
    },
    async (request, reply) => {
      await authService.logout(request.cookies[REFRESH_COOKIE], null, requestContext(request));
      reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
      return reply.code(204).send();
    },
  );

  app.get(
    '/me',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in person: profile, agency, table memberships',
        response: { 200: meSchema, 401: problemSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return authService.me(actor.userId, actor.secondFactor);
    },
  );
};
