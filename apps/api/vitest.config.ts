// API integration tests run against a real database: embedded PGlite by default, the PostgreSQL
// server named by TEST_DATABASE_URL when set. The global setup migrates one template; each test
// file gets its own copy of it (see test/helpers/test-database.ts).
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'api',
    include: ['test/**/*.test.ts'],
    // The fuzz suite runs on its own: `pnpm test:fuzz` (vitest.fuzz.config.ts).
    exclude: [...configDefaults.exclude, 'test/fuzz/**'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
