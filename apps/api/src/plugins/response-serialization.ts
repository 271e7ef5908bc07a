/**
 * How answers with a declared response schema become JSON: each schema compiled once with
 * fast-json-stringify (lib/response-serializer.ts), so only declared fields leave, at a fraction
 * of zod's cost. A schema that cannot be compiled faithfully keeps the zod serializer of
 * fastify-type-provider-zod; those routes are logged at start-up and listed in
 * `app.responseSerialization.zodFallbacks`.
 *
 * `checkWithZod` (on in tests): every answer is ALSO encoded by its zod schema, and the request
 * fails (500) when zod refuses it or when the compiled output differs from zod's. The whole API
 * suite thereby checks that the compiled serializers say exactly what the schemas say.
 */
import { isDeepStrictEqual } from 'node:util';
import fp from 'fastify-plugin';
import type { FastifySerializerCompiler } from 'fastify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { compileResponseSchema, UncompilableResponseSchema } from '../lib/response-serializer';

export type ResponseSerializationOptions = { checkWithZod: boolean };

export type ZodFallback = { route: string; reason: string };

declare module 'fastify' {
  interface FastifyInstance {
    responseSerialization: { readonly zodFallbacks: readonly ZodFallback[] };
  }
}

/** Raised in check mode when a response does not match its schema or the two serializers differ. */
export class ResponseCheckError extends Error {
  constructor(route: string, what: string) {
    super(`Response of ${route} ${what}`);
    this.name = 'ResponseCheckError';
  }
}

type SchemaInput = z.ZodType | { properties: z.ZodType };

function zodSchemaOf(schema: SchemaInput): z.ZodType | undefined {
  if (schema instanceof z.ZodType) return schema;
  if (schema && typeof schema === 'object' && schema.properties instanceof z.ZodType) {
    return schema.properties;
  }
  return undefined;
}

export default fp<ResponseSerializationOptions>(
  async (app, options) => {
    const zodFallbacks: ZodFallback[] = [];
    const compiler: FastifySerializerCompiler<SchemaInput> = (route) => {
      const name = `${route.method} ${route.url} ${route.httpStatus}${
        route.contentType ? ` ${route.contentType}` : ''
      }`;
      const schema = zodSchemaOf(route.schema);
      const throughZod = zodSerializerCompiler(route);
      // A 204's z.undefined(): Fastify sends no body, so there is nothing to compile.
      if (schema && ['undefined', 'void'].includes(schema._zod.def.type)) return throughZod;
      let compiled: ((data: unknown) => string) | undefined;
      try {
        if (schema) compiled = compileResponseSchema(schema);
      } catch (error) {
        if (!(error instanceof UncompilableResponseSchema)) throw error;
        zodFallbacks.push({ route: name, reason: error.message });
        app.log.warn({ route: name, reason: error.message }, 'response schema served through zod');
      }
      if (!compiled) return throughZod;
      const fast = compiled;
      if (!options.checkWithZod || !schema) return fast;

      return (data) => {
        const encoded = z.safeEncode(schema, data);
        if (!encoded.success) throw new ResponseCheckError(name, 'does not match its schema');
        const output = fast(data);
        if (!isDeepStrictEqual(JSON.parse(output), JSON.parse(JSON.stringify(encoded.data)))) {
          throw new ResponseCheckError(name, 'differs between the compiled and zod serializers');
        }
        return output;
      };
    };
    app.setSerializerCompiler(compiler);
    app.decorate('responseSerialization', { zodFallbacks });
  },
  { name: 'response-serialization' },
);
