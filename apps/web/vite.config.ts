// The web app is built to apps/web/dist, which the API serves from the same origin in production.
// In development Vite serves the web and forwards /api to the API started by `pnpm dev`.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

export default defineConfig({
  plugins: [
    react(),
    // Brotli and gzip copies of every asset worth compressing, made once at build time: the API
    // serves them precompressed (plugins/web.ts), so a phone downloads a fraction of the bytes and
    // the server never compresses the same file twice. The originals stay for clients that take
    // neither.
    compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024 }),
  ],
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // dist/.vite/manifest.json: which chunks the entry imports, read by `pnpm check:bundle` (the
    // first download's budget) and the web benchmark. Not served (plugins/web.ts).
    manifest: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than our code: in chunks of their own, a release of the app
        // does not make every browser download React again (assets are cached for a year). A group
        // takes every module its test matches, wherever it is imported from, so the groups name
        // only what the first page needs: a catch-all `node_modules` group would pull the charts
        // library (statistics) and the QR code one (account) into the first download. zod has a
        // chunk of its own: only the lazy pages and the shared schemas they load use it, so it is
        // not in the first download but is fetched once for all of them. Other libraries go with
        // the lazy pages that import them.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
              priority: 2,
            },
            {
              name: 'vendor',
              test: /node_modules[\\/](i18next|react-i18next|@tanstack|use-sync-external-store)[\\/]/,
              priority: 1,
            },
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
});
