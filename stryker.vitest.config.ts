// The tests `pnpm test:mutation` (scripts/mutation.mjs, stryker.config.mjs) runs against the
// mutants of one file: those that cover it (FOURFOLD_MUTATION_TESTS, set by the script per file),
// so that a mutant of a constant, which Stryker runs against every test, runs a few hundred tests
// instead of the whole set.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: (process.env.FOURFOLD_MUTATION_TESTS ?? '').split(',').filter(Boolean),
    // The random-table suppression checks take seconds, more on a busy machine.
    testTimeout: 60_000,
    setupFiles: ['scripts/mutation-setup.mjs'],
  },
});
