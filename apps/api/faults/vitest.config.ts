// `pnpm test:faults` (from the repository root): the fault suite. It runs the real server as a
// child process on a throwaway PostgreSQL cluster of its own (pg_createcluster on a free port) and
// on an embedded data directory, stops and kills things under write load, and checks what the
// issue asks. Not part of `pnpm test`: it needs Debian's postgresql-common tools and root (CI).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    name: 'faults',
    include: ['**/*.faults.ts'],
    // One scenario at a time: each puts the machine under load on purpose.
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 240_000,
    hookTimeout: 120_000,
  },
});
