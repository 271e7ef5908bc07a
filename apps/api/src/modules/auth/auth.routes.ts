/** Sign-in, token refresh, sign-out, and the signed-in person's profile. */
import type { CookieSerializeOptions } from '@fastify/cookie';
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
import type { AccessTokenClaims, AuthService, IssuedSession } from './auth.service';
import { REFRESH_TOKEN_TTL_HOURS } from './auth.service';
import { DEVICE_COOKIE_DAYS } from './sign-in-throttle';

/**
 * Every cookie of a session: sent only to the sign-in routes, never readable by scripts, never
 * over plain HTTP, never with a request from another site. Clearing one repeats them all, or a
 * browser would keep (or refuse to replace) the cookie.
 */
const COOKIE_ATTRIBUTES = {
  httpOnly: true,
  secure: true,
  sameSite: 'strict',
  path: '/api/auth',
} as const satisfies CookieSerializeOptions;

/** The refresh cookie and, after a sign-in with credentials, this browser's new device cookie. */
export function setSessionCookies(
  reply: FastifyReply,
  session: Pick<IssuedSession, 'refreshToken' | 'device'>,
) {
  reply.setCookie(REFRESH_COOKIE, session.refreshToken, {
    ...COOKIE_ATTRIBUTES,
    maxAge: REFRESH_TOKEN_TTL_HOURS * 3600,
  });
  if (session.device) {
    reply.setCookie(session.device.name, session.device.value, {
      ...COOKIE_ATTRIBUTES,
      maxAge: DEVICE_COOKIE_DAYS * 24 * 3600,
    });
  }
}

export function clearRefreshCookie(reply: FastifyReply) {
  reply.clearCookie(REFRESH_COOKIE, COOKIE_ATTRIBUTES);
}

/**
 * Sign-in, refresh and sign-out act on cookies, which a browser attaches even to a request that
 * another site makes it send. SameSite=Strict already withholds them; this refuses such requests
 * outright, by the browser's own word. `Sec-Fetch-Site` (which no page can forge) decides when
 * present: `cross-site` is refused; `same-origin`, `same-site` and `none` (typed in, bookmarks)
 * pass. Older browsers send only `Origin`, which must then name this host (with TRUST_PROXY,
 * X-Forwarded-Host). Requests with neither (scripts, tests) are not made by another site's page.
 */
export async function refuseCrossSite(request: FastifyRequest) {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) {
    if (site === 'same-origin' || site === 'same-site' || site === 'none') return;
    throw new AppError('FORBIDDEN', 'Requests from another site are refused.');
  }
  const origin = request.headers.origin;
  if (origin === undefined) return;
  if (!sameHost(origin, `${request.protocol}://${request.host}`)) {
    throw new AppError('FORBIDDEN', 'Requests from another site are refused.');
  }
}

function sameHost(origin: string, own: string): boolean {
  try {
    return new URL(origin).host === new URL(own).host;
  } catch {
    return false;
  }
}

export function sessionBody(session: IssuedSession) {
  return {
    accessToken: session.accessToken,
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    me: session.me,
  };
}

/**
 * Who asks, for limits and the audit log. `request.ip` is the socket peer, or with TRUST_PROXY
 * the client address the proxy put in X-Forwarded-For (Fastify's trustProxy).
 */
export const requestContext = (request: FastifyRequest) => ({
  clientAddress: request.ip,
  requestId: request.id,
  sessionId: (request.user as AccessTokenClaims | undefined)?.sid ?? null,
});

export const authRoutes: FastifyPluginAsyncZod<{ authService: AuthService }> = async (
  app,
  { authService },
) => {
  app.post(
    '/auth/login',
    {
      config: { access: 'public' },
      onRequest: refuseCrossSite,
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password (and a second factor when enrolled)',
        description:
          'A browser that signed in before sends its device cookie: its failed attempts count ' +
          'against that browser only. Too many failures answer 429 with Retry-After.',
        body: loginRequestSchema,
        response: {
          200: sessionResponseSchema,
          401: problemSchema,
          403: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const session = await authService.login(
        request.body,
        requestContext(request),
        request.cookies,
      );
      setSessionCookies(reply, session);
      return sessionBody(session);
    },
  );

  app.post(
    '/auth/refresh',
    {
      config: { access: 'public' },
      onRequest: refuseCrossSite,
      schema: {
        tags: ['auth'],
        summary:
          'Exchange the refresh cookie for a new access token (the cookie rotates); 204 when the ' +
          'browser holds no refresh cookie at all',
        response: {
          200: sessionResponseSchema,
          204: z.undefined(),
          401: problemSchema,
          403: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const token = request.cookies[REFRESH_COOKIE];
      // Every signed-out visit asks, on load, whether a session is there to pick up: "none" is an
      // answer, not a failure, and must not show as a failed request in the browser. A cookie that
      // is sent and refused (expired, revoked, reused) is still 401.
      if (!token) return reply.code(204).send();
      try {
        const session = await authService.refresh(token, requestContext(request));
        setSessionCookies(reply, session);
        return sessionBody(session);
      } catch (error) {
        // Only a refused token is dropped: a database that is briefly away (503) or a fault of ours
        // rotated nothing, and the browser's cookie must survive it, or an outage signs everyone out.
        if (error instanceof AppError && error.status < 500) clearRefreshCookie(reply);
        throw error;
      }
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'public' },
      onRequest: refuseCrossSite,
      schema: {
        tags: ['auth'],
        summary:
          'Sign out of this browser: end the session (refresh cookie and, when sent, the access ' +
          "token's session) and clear the cookie; other browsers stay signed in",
        response: { 204: z.undefined(), 403: problemSchema },
      },
    },
    async (request, reply) => {
      await authService.logout(
        request.cookies[REFRESH_COOKIE],
        await verifiedSession(request),
        requestContext(request),
      );
      clearRefreshCookie(reply);
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

/** The session of the request's access token when it carries a valid one (sign-out is public). */
async function verifiedSession(
  request: FastifyRequest,
): Promise<{ userId: string; sessionId: string } | null> {
  if (!request.headers.authorization) return null;
  try {
    const claims = await request.jwtVerify<AccessTokenClaims>();
    return { userId: claims.sub, sessionId: claims.sid };
  } catch {
    return null;
  }
}
