/**
 * OpenAPI 3 generated from the routes' zod schemas, served at GET /api/openapi.json, with a docs UI
 * at /api/docs. Schemas given an id with .meta({ id }) in @fourfold/shared become components.
 * Each operation's `security` is derived from the route's declared access (lib/route-access.ts),
 * never written by hand: every route that is not public needs the bearer token, and says so.
 */
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { RouteAccess } from '../lib/route-access';

/** The OpenAPI security requirement of a declared access: none for public routes. */
export function securityOf(access: RouteAccess | undefined): Array<Record<string, string[]>> {
  return access === undefined || access === 'public' ? [] : [{ bearerAuth: [] }];
}

const transform: typeof jsonSchemaTransform = (input) => {
  const result = jsonSchemaTransform(input);
  const security = securityOf(input.route.config?.access);
  const { security: _handWritten, ...schema } = result.schema as Record<string, unknown>;
  return { ...result, schema: security.length > 0 ? { ...schema, security } : schema };
};

export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Fourfold API',
          description:
            'Situation tables under the Four Filter approach. Errors are application/problem+json (RFC 9457). ' +
            'Any operation may answer 503 DATABASE_UNAVAILABLE, with Retry-After, while the database cannot be reached.',
          version: '0.1.0',
          license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
        },
        components: {
          securitySchemes: {
            bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          },
        },
      },
      transform,
      transformObject: jsonSchemaTransformObject,
    });
    await app.register(swaggerUi, {
      routePrefix: '/api/docs',
      staticCSP: true,
      uiConfig: { docExpansion: 'list', deepLinking: false },
    });
  },
  { name: 'openapi' },
);
