// Unit tests of the web app run in Node: they need no DOM (catalogues, the API client's parsing).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'web', include: ['test/**/*.test.ts'] },
});
