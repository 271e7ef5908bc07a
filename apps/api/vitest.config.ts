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
    // Test files share their worker's modules rather than each importing the app afresh in a new
    // process: every file builds its own app on its own database copy, no test mocks a module,
    // and the modules' own state is caches of constants. Measured on PGlite: 307 s instead of
    // about 570 s, the modules' import time summed over files 14 s instead of 241 s.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
