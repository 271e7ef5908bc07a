// `pnpm test:e2e` (from the repository root): browser tests against the built app, started once
// by the global setup. One file at a time: each test drives its own Chromium, and the machine has
// two cores, one of which the server needs.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Paths below are relative to e2e/, whatever directory vitest is started from.
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    name: 'e2e',
    include: ['tests/**/*.e2e.ts'],
    globalSetup: ['setup/global-setup.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    // Generous: a browser test of several sign-ins on a loaded 2-core machine takes a while.
    testTimeout: 120_000,
    hookTimeout: 90_000,
    teardownTimeout: 20_000,
  },
});
