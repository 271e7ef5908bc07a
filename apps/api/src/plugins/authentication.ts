/**
 * Who is asking, and may they call this route at all. Every route under /api declares its access
 * (lib/route-access.ts); a route without one stops the app from starting. For non-public routes
 * the bearer token is verified (HS256 pinned; issuer, audience and expiry required and checked),
 * then the person and the token's session are loaded fresh from the database on every request, so
 * deactivation, membership changes and signing out take effect at once. Denied requests are recorded in the audit log.
 */
import fp from 'fastify-plugin';
import fastifyJwt from '@fastify/jwt';
import fastifyCookie from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import type { Kysely, RawBuilder } from 'kysely';
import { tablesWhere, type Actor, type Permission } from '@fourfold/shared/access-policy';
import { ACCESS_TOKEN_TTL_SECONDS } from '@fourfold/shared/auth';
import { idSchema } from '@fourfold/shared/input';
import type { AuditDataCategory, DB } from '../db/schema';
import { AccessDeniedError, roleOn } from '../lib/access';
import { AppError } from '../lib/errors';
import type { RouteAccess } from '../lib/route-access';
import { recordAudit } from '../modules/audit/audit.service';
import {
  actorFromPerson,
  type AccessTokenClaims,
  type ActingPersonRow,
  type AuthService,
} from '../modules/auth/auth.service';
import type { PersonAlong, PersonAlongRow } from '../lib/person-along';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person; null on public routes (and until admitted, on `personAlong` routes). */
    actor: Actor | null;
    /** On routes declaring `personAlong`: the person to read with the route's own statement. */
    personAlong: PersonAlong | null;
  }
  interface FastifyContextConfig {
    /**
     * The route reads the acting person inside its own statement (lib/person-along.ts) instead of
     * in a statement of their own before the handler: one round trip fewer on a hot read.
     */
    personAlong?: boolean;
  }
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessTokenClaims;
    user: AccessTokenClaims;
  }
}

export const TOKEN_ISSUER = 'fourfold';
export const TOKEN_AUDIENCE = 'fourfold-api';

/** Routes that plugins register for us, public by design: the API documentation UI. */
const PUBLIC_PLUGIN_ROUTES = /^\/api\/docs(\/|$)/;

export type AuthenticationOptions = {
  tokenSecret: string;
  db: Kysely<DB>;
  authService: () => AuthService;
};

/** Every route seen at start-up with its declared access; the route-declaration test reads it. */
export type DeclaredRoute = { method: string; url: string; access: RouteAccess | 'public-docs' };

declare module 'fastify' {
  interface FastifyInstance {
    declaredRoutes: DeclaredRoute[];
  }
}

export function dataCategoryOf(permission: Permission | undefined): AuditDataCategory {
  if (!permission) return 'authentication';
  if (permission === 'situation.viewIdentity' || permission === 'situation.editIdentity') {
    return 'identity';
  }
  if (permission === 'situation.readNotes' || permission === 'situation.writeNotes') {
    return 'intervention';
  }
  if (permission.startsWith('statistics.')) return 'statistics';
  if (
    permission === 'admin.manage' ||
    permission === 'audit.read' ||
    permission.startsWith('membership.')
  ) {
    return 'administration';
  }
  return 'de_identified';
}

export default fp<AuthenticationOptions>(
  async (app, { tokenSecret, db, authService }) => {
    app.decorate('declaredRoutes', [] as DeclaredRoute[]);
    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/api')) return;
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      const access = route.config?.access;
      for (const method of methods) {
        if (access) app.declaredRoutes.push({ method, url: route.url, access });
        else if (PUBLIC_PLUGIN_ROUTES.test(route.url)) {
          app.declaredRoutes.push({ method, url: route.url, access: 'public-docs' });
        } else {
          throw new Error(`Route ${method} ${route.url} declares no access (config.access).`);
        }
      }
    });

    await app.register(fastifyCookie);
    await app.register(fastifyJwt, {
      secret: tokenSecret,
      sign: {
        algorithm: 'HS256',
        iss: TOKEN_ISSUER,
        aud: TOKEN_AUDIENCE,
        expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      },
      // Every claim the session check reads must be there: a token without an expiry, an
      // audience or an issuer is refused, not read as "no limit" (fast-jwt skips absent claims).
      verify: {
        algorithms: ['HS256'],
        allowedIss: TOKEN_ISSUER,
        allowedAud: TOKEN_AUDIENCE,
        requiredClaims: ['exp', 'aud', 'iss', 'sub', 'sid', 'epoch'],
      },
    });
    app.decorateRequest('actor', null);
    app.decorateRequest('personAlong', null);

    const unauthenticated = () => new AppError('UNAUTHENTICATED', 'Please sign in.');

    app.addHook('onRequest', async (request) => {
      const access = request.routeOptions.config?.access;
      if (!access || access === 'public') return;
      let claims: AccessTokenClaims;
      try {
        claims = await request.jwtVerify<AccessTokenClaims>();
      } catch {
        throw unauthenticated();
      }
      // A validly signed token is still input: its subject must be an id before it is a query.
      if (!hasCanonicalSubject(claims)) throw unauthenticated();
      const admit = (actor: Actor | null): Actor => {
        if (!actor) throw unauthenticated();
        request.actor = actor;
        if (typeof access === 'object') requireSomewhere(request, actor, access.permission);
        return actor;
      };
      if (request.routeOptions.config.personAlong) {
        request.personAlong = {
          query: authService().actingPersonQuery(
            claims,
          ) as RawBuilder<unknown> as RawBuilder<PersonAlongRow>,
          admit: (person) =>
            admit(actorFromPerson(claims, person as unknown as ActingPersonRow | null | undefined)),
        };
        return;
      }
      admit(await authService().actorFor(claims));
    });

    // One audit event per denied request, whoever denied it (this plugin or a service).
    app.addHook('onError', async (request, _reply, error) => {
      try {
        await auditDenial(request, error);
      } catch {
        request.log.error('could not record a denied request in the audit log');
      }
    });

    async function auditDenial(request: FastifyRequest, error: Error) {
      if (error instanceof AccessDeniedError) {
        await recordAudit(db, {
          action: error.permission,
          dataCategory: dataCategoryOf(error.permission),
          outcome: 'denied',
          userId: request.actor?.userId ?? null,
          agencyId: request.actor?.agencyId ?? null,
          role: request.actor ? roleOn(request.actor, error.subject.tableId) : null,
          tableId: error.subject.tableId ?? null,
          situationId: error.subject.situationId ?? null,
          requestId: request.id,
        });
      } else if (error instanceof AppError && error.code === 'UNAUTHENTICATED') {
        const access = request.routeOptions.config?.access;
        if (!access || access === 'public') return;
        await recordAudit(db, {
          action: 'auth.token',
          dataCategory: 'authentication',
          outcome: 'denied',
          requestId: request.id,
        });
      }
    }
  },
  { name: 'authentication', dependencies: ['errors'] },
);

/** The claims this API signs: a canonical user id, a whole-number epoch and a boolean. */
function hasCanonicalSubject(claims: AccessTokenClaims): boolean {
  const subject = idSchema.safeParse(claims.sub);
  return (
    subject.success &&
    subject.data === claims.sub &&
    Number.isSafeInteger(claims.epoch) &&
    typeof claims.mfa === 'boolean'
  );
}

/**
 * A first, coarse check before any handler runs: the person holds the permission on at least one
 * table (or is an administrator, for administration). The service then checks the concrete subject.
 */
function requireSomewhere(request: FastifyRequest, actor: Actor, permission: Permission) {
  const holds =
    permission === 'admin.manage'
      ? actor.isAdministrator
      : tablesWhere(actor, permission).length > 0;
  if (holds) return;
  // With a resource id in the URL, answer as if it did not exist.
  const hasResource = Object.keys((request.params as object) ?? {}).length > 0;
  throw new AccessDeniedError(permission, hasResource ? 'hidden' : 'not_permitted', {});
}
