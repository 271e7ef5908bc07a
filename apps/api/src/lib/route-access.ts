/**
 * Every route declares who may call it, in its config:
 * - `'public'`: no sign-in (health, sign-in itself, the API description and docs);
 * - `'authenticated'`: any signed-in, active user (their own profile, the code lists);
 * - `{ permission }`: a permission of the access policy in @fourfold/shared/access-policy. The
 *   route's service checks it against the concrete subject (table or situation) it loads.
 * A route under /api without a declaration stops the app from starting (deny by default).
 */
import type { Permission } from '@fourfold/shared/access-policy';

export type RouteAccess = 'public' | 'authenticated' | { permission: Permission };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}
