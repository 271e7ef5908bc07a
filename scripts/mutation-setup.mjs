// Loaded before each test file under `pnpm test:mutation` (stryker.vitest.config.ts): tells tests
// that time the product that the code they run is Stryker's instrumented copy.
globalThis.fourfoldMutationTesting = true;
