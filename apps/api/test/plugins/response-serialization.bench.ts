/**
 * µs per serialisation of a 50-item situation list page: fastify-type-provider-zod's serializer
 * (zod encode + JSON.stringify, the one used before) against the compiled schema.
 * Run: pnpm --filter @fourfold/api exec vitest bench --run test/plugins/response-serialization.bench.ts
 */
import { serializerCompiler } from 'fastify-type-provider-zod';
import { bench, describe } from 'vitest';
import { situationListSchema } from '@fourfold/shared/situations';
import { compileResponseSchema } from '../../src/lib/response-serializer';

const agency = (n: number) => ({
  id: `3f2504e0-4f89-41d3-9a0c-0305e82c33${String(n % 100).padStart(2, '0')}`,
  name: `Agency ${n % 7}`,
});
const page = {
  items: Array.from({ length: 50 }, (_, i) => ({
    id: `8c1c7b0e-6a53-4c1e-9f0a-${String(100000000000 + i)}`,
    reference: `RIV-2026-${String(i + 1).padStart(4, '0')}`,
    stage: (['draft', 'filter2', 'filter3', 'filter4', 'closed'] as const)[i % 5],
    situationType: 'person',
    ageBand: 'a18_24',
    gender: 'woman',
    originatingAgency: agency(i),
    leadAgency: i % 3 === 0 ? null : agency(i + 1),
    riskFactorCount: i % 9,
    createdAt: new Date(Date.UTC(2026, 0, 1 + (i % 28), 9)).toISOString(),
    updatedAt: new Date(Date.UTC(2026, 1, 1 + (i % 28), 15)).toISOString(),
    firstContactDueAt: i % 2 ? new Date(Date.UTC(2026, 2, 1 + (i % 28))).toISOString() : null,
    firstContactAt: null,
  })),
  nextCursor: 'eyJrIjoiMjAyNi0wMi0xNVQxNTowMDowMC4wMDBaIiwiaWQiOiI4YzFjIn0',
};

const throughZod = serializerCompiler({
  schema: situationListSchema,
  method: 'GET',
  url: '/api/tables/:tableId/situations',
  httpStatus: '200',
});
const compiled = compileResponseSchema(situationListSchema);
if (throughZod(page) !== JSON.stringify(JSON.parse(compiled(page)))) {
  throw new Error('the two serializers disagree on the benchmark page');
}

// Long runs: the machine is shared, and the minimum and p75 are the figures to compare.
const options = { time: 5_000, warmupTime: 1_000 };
describe('situation list page, 50 items', () => {
  bench(
    'zod encode + JSON.stringify (before)',
    () => {
      throughZod(page);
    },
    options,
  );
  bench(
    'compiled with fast-json-stringify (after)',
    () => {
      compiled(page);
    },
    options,
  );
});
