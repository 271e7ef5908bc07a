import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { idSchema, text } from '@fourfold/shared/input';
import { agendaItemSchema } from '@fourfold/shared/meetings';
import { situationListSchema, situationStageCountsSchema } from '@fourfold/shared/situations';
import {
  compileResponseSchema,
  UncompilableResponseSchema,
} from '../../src/lib/response-serializer';
import { closeTestApp, createTestApp, type TestApp } from '../helpers/test-app';

/** An identity value that must never appear in an answer that does not declare it. */
const IDENTITY = 'Jane Doe 1984-02-03';
const ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const AT = '2026-03-01T10:00:00.000Z';
const SECTION = 'new';

const person = z.object({ id: idSchema, reference: text() });

const listItem = {
  id: ID,
  reference: 'RIV-2026-0001',
  stage: 'filter4',
  situationType: 'person',
  ageBand: 'a18_24',
  gender: 'woman',
  originatingAgency: { id: ID, name: 'Police' },
  leadAgency: null,
  riskFactorCount: 3,
  createdAt: AT,
  updatedAt: AT,
  firstContactDueAt: null,
  firstContactAt: null,
};

describe('compiled response schemas', () => {
  it('leave out a field an object does not declare', () => {
    const json = compileResponseSchema(person)({ id: ID, reference: 'R-1', name: IDENTITY });
    expect(JSON.parse(json)).toEqual({ id: ID, reference: 'R-1' });
    expect(json).not.toContain(IDENTITY);
  });

  it('leave out undeclared fields of nested objects and of array items', () => {
    const stringify = compileResponseSchema(situationListSchema);
    const json = stringify({
      items: [
        {
          ...listItem,
          name: IDENTITY,
          originatingAgency: { id: ID, name: 'Police', note: IDENTITY },
        },
        { ...listItem, leadAgency: { id: ID, name: 'Health', dateOfBirth: IDENTITY } },
      ],
      nextCursor: null,
      identity: IDENTITY,
    });
    expect(json).not.toContain(IDENTITY);
    expect(JSON.parse(json)).toEqual({
      items: [listItem, { ...listItem, leadAgency: { id: ID, name: 'Health' } }],
      nextCursor: null,
    });
  });

  it('leave out undeclared fields of the branch a union picks, as zod does', () => {
    const schema = z.union([
      z.object({ kind: z.literal('a'), count: z.number().int() }),
      z.object({ kind: z.literal('b'), label: text() }),
    ]);
    const stringify = compileResponseSchema(schema);
    const a = { kind: 'a', count: 2, name: IDENTITY };
    const b = { kind: 'b', label: 'x', nested: { name: IDENTITY } };
    expect(JSON.parse(stringify(a))).toEqual(z.parse(schema, a));
    expect(JSON.parse(stringify(b))).toEqual({ kind: 'b', label: 'x' });
  });

  it('keep identity out of a restricted agenda item (a discriminated union)', () => {
    const stringify = compileResponseSchema(agendaItemSchema);
    const restricted = {
      id: ID,
      position: 1,
      section: SECTION,
      situationId: ID,
      reference: 'RIV-2026-0001',
      stage: 'filter4',
      restricted: true,
      // What an open item carries, wrongly attached to a restricted one.
      stageAtOpening: 'filter4',
      situation: { reference: 'RIV-2026-0001', summary: IDENTITY },
    };
    const json = stringify(restricted);
    expect(json).not.toContain(IDENTITY);
    expect(JSON.parse(json)).toEqual(z.parse(agendaItemSchema, restricted));
  });

  it('give a record keyed by an enum exactly its keys', () => {
    const stringify = compileResponseSchema(situationStageCountsSchema);
    const counts = Object.fromEntries(
      ['draft', 'filter2', 'filter3', 'filter4', 'closed', 'rejected'].map((stage) => [stage, 1]),
    );
    const parsed = situationStageCountsSchema.safeParse({ counts });
    expect(parsed.success, 'the stages written here are the schema’s').toBe(true);
    const json = stringify({ counts: { ...counts, [IDENTITY]: 9 } });
    expect(json).not.toContain(IDENTITY);
    expect(JSON.parse(json)).toEqual({ counts });
  });

  it('write null where nullable and a Date as its ISO string', () => {
    const schema = z.object({
      at: z.iso.datetime({ offset: true }),
      by: z.object({ name: text() }).nullable(),
      note: text().nullable(),
    });
    const stringify = compileResponseSchema(schema);
    expect(JSON.parse(stringify({ at: new Date(AT), by: null, note: null }))).toEqual({
      at: AT,
      by: null,
      note: null,
    });
    expect(
      JSON.parse(stringify({ at: AT, by: { name: 'Lead', id: IDENTITY }, note: 'n' })),
    ).toEqual({ at: AT, by: { name: 'Lead' }, note: 'n' });
  });

  it('fail on a missing required field or a value of the wrong type', () => {
    const schema = z.object({
      count: z.number().int(),
      note: text().nullable(),
      kind: z.union([z.object({ a: z.literal(1) }), z.object({ b: z.literal(2) })]),
    });
    const stringify = compileResponseSchema(schema);
    const good = { count: 1, note: null, kind: { a: 1 } };
    expect(() => stringify(good)).not.toThrow();
    expect(() => stringify({ ...good, count: undefined })).toThrow(/required/);
    expect(() => stringify({ ...good, count: 'many' })).toThrow(/integer/);
    expect(() => stringify({ ...good, note: 42 })).toThrow(/does not match/);
    expect(() => stringify({ ...good, kind: { c: 3 } })).toThrow(/does not match/);
  });

  it('refuse schemas whose undeclared keys would be written, rather than compile them loosely', () => {
    const refused = [
      z.looseObject({ id: idSchema }),
      z.object({ id: idSchema }).catchall(z.unknown()),
      z.record(text().regex(/^[a-z]+$/), z.number()),
      z.record(z.enum(['a', 'b']), z.unknown()),
      z.object({ at: z.date() }),
      z.object({ n: z.number().transform(String) }),
    ];
    for (const schema of refused) {
      expect(() => compileResponseSchema(schema)).toThrow(UncompilableResponseSchema);
    }
  });
});

describe('the app’s response serialization', () => {
  const routes = (seen: { handlerRan: number }) => async (api: FastifyInstance) => {
    const typed = api.withTypeProvider<ZodTypeProvider>();
    const config = { access: 'public' as const };
    // The handlers return more than they declare, as a careless query or spread would.
    typed.get('/test/person', { config, schema: { response: { 200: person } } }, async () => {
      seen.handlerRan += 1;
      return { id: ID, reference: 'R-1', name: IDENTITY } as z.infer<typeof person>;
    });
    typed.get(
      '/test/list',
      { config, schema: { response: { 200: z.object({ items: z.array(person) }) } } },
      async () => ({ items: [{ id: ID, reference: 'R-1', identity: { name: IDENTITY } }] }),
    );
    // A wrong type that fast-json-stringify would coerce ("7" into 7): only zod notices.
    typed.get(
      '/test/coerced',
      { config, schema: { response: { 200: z.object({ count: z.number().int() }) } } },
      async () => ({ count: '7' }) as unknown as { count: number },
    );
    typed.get(
      '/test/missing',
      { config, schema: { response: { 200: person } } },
      async () => ({ id: ID }) as z.infer<typeof person>,
    );
  };

  describe('with the zod check of tests', () => {
    let t: TestApp;
    const seen = { handlerRan: 0 };
    beforeAll(async () => {
      t = await createTestApp({ deps: { extraApiRoutes: routes(seen) } });
    });
    afterAll(async () => closeTestApp(t));

    it('compiles every product route’s response schema (none falls back to zod)', () => {
      expect(t.app.responseSerialization.zodFallbacks).toEqual([]);
    });

    it('sends only declared fields, at the top and in arrays', async () => {
      const one = await t.app.inject({ url: '/api/test/person' });
      expect(one.statusCode).toBe(200);
      expect(one.json()).toEqual({ id: ID, reference: 'R-1' });
      expect(one.body).not.toContain(IDENTITY);
      const list = await t.app.inject({ url: '/api/test/list' });
      expect(list.statusCode).toBe(200);
      expect(list.json()).toEqual({ items: [{ id: ID, reference: 'R-1' }] });
    });

    it('fails the request when the answer does not match its schema, without the value', async () => {
      for (const url of ['/api/test/coerced', '/api/test/missing']) {
        const response = await t.app.inject({ url });
        expect(response.statusCode, url).toBe(500);
        expect(response.json().code).toBe('INTERNAL_ERROR');
      }
    });
  });

  describe('without it (as in production)', () => {
    let t: TestApp;
    const seen = { handlerRan: 0 };
    beforeAll(async () => {
      t = await createTestApp({ deps: { extraApiRoutes: routes(seen), checkResponses: false } });
    });
    afterAll(async () => closeTestApp(t));

    it('still sends only declared fields', async () => {
      const response = await t.app.inject({ url: '/api/test/person' });
      expect(response.json()).toEqual({ id: ID, reference: 'R-1' });
      expect(seen.handlerRan).toBe(1);
    });

    it('coerces what zod would refuse, which is why tests keep the zod check', async () => {
      const response = await t.app.inject({ url: '/api/test/coerced' });
      expect(response.json()).toEqual({ count: 7 });
    });

    it('still fails on a missing required field', async () => {
      const response = await t.app.inject({ url: '/api/test/missing' });
      expect(response.statusCode).toBe(500);
      expect(response.body).not.toContain('reference');
    });
  });
});
