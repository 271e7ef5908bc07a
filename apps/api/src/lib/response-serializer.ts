/**
 * Turns a route's zod response schema into a fast-json-stringify function, once, at start-up.
 *
 * Why: serialising through zod (parse, then JSON.stringify) costs far more than the list's own
 * query. fast-json-stringify writes only the properties a schema declares, so an undeclared field
 * (an identity value a handler let slip into its return object) still never leaves the API.
 *
 * The JSON Schema is zod's own (z.toJSONSchema, io 'output', draft-07), adjusted where
 * fast-json-stringify would otherwise be looser than zod:
 * - a record keyed by an enum becomes an object with exactly those properties (fast-json-stringify
 *   would write every key it finds); a record keyed by a constrained string (pattern, format)
 *   cannot be expressed and is refused;
 * - `anyOf [X, null]` becomes `type: [X, 'null']`, checked by type rather than by Ajv;
 * - `additionalProperties: false` is removed: fast-json-stringify drops undeclared properties
 *   without it, and in a union's branches it would make Ajv refuse a value zod accepts (zod strips
 *   the extra keys and picks the first branch that parses; so does the compiled function).
 * A schema that cannot be compiled faithfully throws UncompilableResponseSchema; the caller falls
 * back to zod for that route and says which.
 */
import build from 'fast-json-stringify';
import { z } from 'zod';

type JsonSchema = { [key: string]: unknown };

export class UncompilableResponseSchema extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'UncompilableResponseSchema';
  }
}

/** The draft-07 JSON Schema that the compiled serializer follows (exported for tests). */
export function responseJsonSchema(schema: z.ZodType): JsonSchema {
  let generated: JsonSchema;
  try {
    generated = z.toJSONSchema(schema, {
      io: 'output',
      target: 'draft-07',
      unrepresentable: 'throw',
      // Inline everything except cycles: ids in the global registry are for the OpenAPI document.
      metadata: z.registry<Record<string, unknown>>(),
      reused: 'inline',
      cycles: 'ref',
    }) as JsonSchema;
  } catch (error) {
    throw new UncompilableResponseSchema(
      `zod cannot express it as JSON Schema (${error instanceof Error ? error.message : 'unknown'})`,
    );
  }
  const { $schema: _dialect, ...rest } = generated;
  return tighten(rest, '#');
}

/** Builds the serializer of one response schema; throws UncompilableResponseSchema if it cannot. */
export function compileResponseSchema(schema: z.ZodType): (data: unknown) => string {
  const jsonSchema = responseJsonSchema(schema);
  try {
    return build(jsonSchema as unknown as Parameters<typeof build>[0]) as (data: unknown) => string;
  } catch (error) {
    throw new UncompilableResponseSchema(
      `fast-json-stringify refused it (${error instanceof Error ? error.message : 'unknown'})`,
    );
  }
}

function tighten(node: unknown, where: string): JsonSchema {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return node as JsonSchema;
  const schema = { ...(node as JsonSchema) };

  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (Array.isArray(schema[key])) {
      schema[key] = (schema[key] as unknown[]).map((branch, i) =>
        tighten(branch, `${where}/${key}/${i}`),
      );
    }
  }
  for (const key of ['properties', 'definitions', '$defs', 'patternProperties'] as const) {
    if (schema[key] && typeof schema[key] === 'object') {
      schema[key] = Object.fromEntries(
        Object.entries(schema[key] as JsonSchema).map(([name, value]) => [
          name,
          tighten(value, `${where}/${key}/${name}`),
        ]),
      );
    }
  }
  if (schema.items !== undefined) {
    schema.items = Array.isArray(schema.items)
      ? schema.items.map((item, i) => tighten(item, `${where}/items/${i}`))
      : tighten(schema.items, `${where}/items`);
  }
  if (schema.patternProperties !== undefined) {
    throw new UncompilableResponseSchema(`${where}: patternProperties`);
  }

  if (schema.additionalProperties === false) delete schema.additionalProperties;
  if (schema.additionalProperties !== undefined) {
    // z.looseObject, .catchall(): undeclared keys would be written. A record has no properties.
    if (schema.properties !== undefined || schema.additionalProperties === true) {
      throw new UncompilableResponseSchema(`${where}: an object that keeps undeclared properties`);
    }
    return recordAsObject(schema, where);
  }

  return nullableByType(schema);
}

/** A zod record: keyed by an enum it becomes those properties; by any string it stays open. */
function recordAsObject(schema: JsonSchema, where: string): JsonSchema {
  const values = tighten(schema.additionalProperties, `${where}/additionalProperties`) ?? {};
  const keys = schema.propertyNames as JsonSchema | undefined;
  const { propertyNames: _keys, additionalProperties: _values, ...rest } = schema;
  if (Object.keys(values).length === 0) {
    throw new UncompilableResponseSchema(`${where}: a record of values of any shape`);
  }
  if (keys && Array.isArray(keys.enum)) {
    return {
      ...rest,
      properties: Object.fromEntries((keys.enum as string[]).map((key) => [key, values])),
    };
  }
  const constrained = keys && Object.keys(keys).some((keyword) => keyword !== 'type');
  if (constrained) {
    throw new UncompilableResponseSchema(`${where}: a record whose keys are constrained`);
  }
  return { ...rest, additionalProperties: values };
}

/** `anyOf [X, {type: null}]` (zod's nullable) as `type: [X.type, 'null']` when X has one type. */
function nullableByType(schema: JsonSchema): JsonSchema {
  const branches = schema.anyOf;
  if (!Array.isArray(branches) || branches.length !== 2) return schema;
  const nullIndex = branches.findIndex(
    (branch: JsonSchema) => branch.type === 'null' && Object.keys(branch).length === 1,
  );
  if (nullIndex === -1) return schema;
  const other = branches[1 - nullIndex] as JsonSchema;
  const simple =
    typeof other.type === 'string' &&
    other.const === undefined &&
    !['anyOf', 'oneOf', 'allOf', '$ref'].some((keyword) => keyword in other);
  if (!simple) return schema;
  const { anyOf: _branches, ...rest } = schema;
  return { ...rest, ...other, type: [other.type, 'null'] };
}
