import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTestApp, createTestApp, type TestApp } from '../helpers/test-app';

describe('OpenAPI description', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => closeTestApp(t));

  it('is valid OpenAPI 3 and describes the API routes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const document = res.json();
    expect(document.openapi).toMatch(/^3\./);
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeTruthy();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/health/ready']),
    );
  });

  it('declares the bearer scheme on exactly the operations whose route is not public', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { security?: unknown }>>;
    };
    const declared = new Map(
      t.app.declaredRoutes
        .filter((route) => route.method !== 'HEAD' && route.access !== 'public-docs')
        .map((route) => [
          `${route.method.toLowerCase()} ${route.url.replace(/:(\w+)/g, '{$1}')}`,
          route.access,
        ]),
    );
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ key: `${method} ${path}`, operation })),
    );
    expect(operations.length).toBeGreaterThan(20);
    for (const { key, operation } of operations) {
      expect(declared.has(key), `${key} is documented but not declared`).toBe(true);
      const expected = declared.get(key) === 'public' ? undefined : [{ bearerAuth: [] }];
      expect(operation.security, key).toEqual(expected);
    }
    // The one found by the attack: the code lists need a session.
    expect(document.paths['/api/taxonomy']!.get!.security).toEqual([{ bearerAuth: [] }]);
    expect(document.paths['/api/health']!.get!.security).toBeUndefined();
  });

  it('documents no request string without a pattern, format or list (text() or idSchema)', async () => {
    type Node = Record<string, unknown>;
    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, Node>>;
      components: { schemas: Record<string, Node> };
    };
    const bare: string[] = [];
    const visit = (node: unknown, where: string, seen: Set<unknown>) => {
      if (typeof node !== 'object' || node === null || seen.has(node)) return;
      seen.add(node);
      const schema = node as Node;
      const ref = schema.$ref;
      if (typeof ref === 'string') {
        visit(document.components.schemas[ref.split('/').pop()!], `${where} → ${ref}`, seen);
        return;
      }
      const types = [schema.type].flat();
      const constrained =
        'enum' in schema ||
        'const' in schema ||
        'pattern' in schema ||
        'format' in schema ||
        (Array.isArray(schema.allOf) && schema.allOf.some((s: Node) => 'pattern' in s));
      if (types.includes('string') && !constrained) bare.push(where);
      for (const [key, value] of Object.entries(schema)) {
        if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${where}.${key}[${i}]`, seen));
        else if (typeof value === 'object') visit(value, `${where}.${key}`, seen);
      }
    };
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${path}`;
        visit(operation.requestBody, `${where} body`, new Set());
        visit(operation.parameters, `${where} parameters`, new Set());
      }
    }
    expect(bare).toEqual([]);
  });

  it('serves the docs UI', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });
});
