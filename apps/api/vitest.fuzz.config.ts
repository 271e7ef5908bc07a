// `pnpm test:fuzz`: the hostile-input fuzz suite (test/fuzz), on its own because it takes minutes.
// Same global setup as the API tests: embedded PGlite, or TEST_DATABASE_URL's server.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    name: 'api-fuzz',
    include: ['test/fuzz/**/*.fuzz.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
  },
});
