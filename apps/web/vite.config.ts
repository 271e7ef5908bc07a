// The web app is built to apps/web/dist, which the API serves from the same origin in production.
// In development Vite serves the web and forwards /api to the API started by `pnpm dev`.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { routePreloads } from './route-preloads.ts';

// The modules of packages/shared, and those the shell runs (in the first download) or only the
// privileged pages use, which stay out of the `schemas` chunk.
const SHARED = /packages[\\/]shared[\\/]src[\\/]/;
// The personal-data detector, its name lexicon and its confusables (over 80 KB) stay out too: only
// the pages that check text (a draft's form) load them, not every page that parses an answer.
const SHARED_NOT_IN_SCHEMAS =
  /[\\/](error-codes|access-policy|situation-workflow|actor|audit|statistics|personal-data|name-lexicon|confusables)\.ts$/;
// The session's schemas and the few modules they import (a chunk of their own, below).
const SESSION_SCHEMAS = /packages[\\/]shared[\\/]src[\\/](auth|input|policy-schemas)\.ts$/;
// The web modules pages share, and those of the shell or of the privileged pages, which stay out
// of the `pages` chunk (query keys and the calls that the first download's route loaders make
// among them); so do a draft's form and what it alone uses, which load the personal-data detector
// (only the pages that write a draft need it).
const PAGE_MODULES =
  /apps[\\/]web[\\/]src[\\/](components|lib|features[\\/][^\\/]+[\\/](components|api|hooks|utils|lib))[\\/]/;
const NOT_IN_PAGES =
  /components[\\/](page-heading|form-fields|problem-alert|forbidden-page)\.|lib[\\/]api-client\.|features[\\/](auth|notifications|admin|audit|statistics)[\\/]|api[\\/]query-keys\.|owned-action-items\.|situation-data-guard\.|about-footer-link\.|situation-form\.|summary-field\.|draft-form\./;

export default defineConfig({
  plugins: [
    react(),
    // Brotli and gzip copies of every asset worth compressing, made once at build time: the API
    // serves them precompressed (plugins/web.ts), so a phone downloads a fraction of the bytes and
    // the server never compresses the same file twice. The originals stay for clients that take
    // neither.
    compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024 }),
    // The pages people most often open directly (a bookmark, a link in a notification): the API
    // names their code in index.html for those addresses, to be fetched beside the first download.
    routePreloads({
      '/': 'src/features/home/routes/home-route.tsx',
      '/situations/:situationId': 'src/features/situations/routes/situation-route.tsx',
    }),
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
        //
        // Our own code shared by the lazy pages goes in two chunks rather than the thirty-odd
        // small ones a page otherwise needed (a situation's page fetched 30 files): over HTTP/1.1 a
        // browser opens six connections to a host, so on a phone's network every six files cost a
        // round trip (#12, point 5). `schemas`: the shared schemas the pages parse answers with;
        // `pages`: the web modules (components, API calls, hooks) that two pages or more import.
        // Neither takes the shell's modules, which the first download already holds, nor the
        // administration's, audit's or statistics' (their pages keep their own chunks: a
        // representative never downloads them). Each group takes only the modules its test
        // matches, not their dependencies too (`includeDependenciesRecursively: false`): with them,
        // a shell module that a page module imports would move into the group, and the group into
        // the first download. `pnpm check:bundle` fails the build that lets one in.
        codeSplitting: {
          includeDependenciesRecursively: false,
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
            // The text of the pages people work in (home, situations, action items, meetings),
            // one chunk per language rather than one per feature: a home opened on a phone asks
            // for its text beside its data, and four catalogues took four of the browser's six
            // connections to the host, so that the data waited a round trip for them (#12, point 5).
            ...(['en', 'fr'] as const).map((language) => ({
              name: `work-text-${language}`,
              test: new RegExp(
                `features[\\\\/](home|action-items|meetings|situations)[\\\\/]i18n[\\\\/]${language}\\.json$`,
              ),
              priority: 3,
            })),
            // The schemas that check the session's answers, apart from the others: a page that
            // restores its session on load evaluates only these (and zod) before it can ask for
            // its data, rather than every shared schema (about 1,000 zod objects; #12, point 5).
            {
              name: 'session-schemas',
              test: (id) => SESSION_SCHEMAS.test(id),
              priority: 2,
            },
            {
              name: 'schemas',
              test: (id) => SHARED.test(id) && !SHARED_NOT_IN_SCHEMAS.test(id),
              priority: 1,
            },
            {
              name: 'pages',
              test: (id) => PAGE_MODULES.test(id) && !NOT_IN_PAGES.test(id),
              minShareCount: 2,
            },
          ],
        },
      },
    },
  },
});
