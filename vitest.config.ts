// `pnpm test`: every unit and integration suite of the workspace. Browser tests are separate
// (`pnpm test:e2e`, e2e/vitest.config.ts) because they need a built app.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/shared', 'apps/api', 'apps/web'],
    // API test files each load a PGlite (~400 MB, seconds to start): two at a time suit 2 cores.
    maxWorkers: 2,
  },
});
