/**
 * OpenAPI 3 generated from the routes' zod schemas, served at GET /api/openapi.json, with a docs UI
 * at /api/docs. Schemas given an id with .meta({ id }) in @fourfold/shared become components.
 */
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

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
      transform: jsonSchemaTransform,
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
