// @ts-check
// Mutation testing (`pnpm test:mutation`, #12 point 8) of the code where privacy is decided: the
// access policy, the situation workflow, the personal-data guard, small-cell suppression and the
// logger's redaction list. A surviving mutant is a change to that code no test notices.
import { createRequire } from 'node:module';

// pnpm keeps the runner beside core, not inside it, where Stryker's default plugin glob looks.
const vitestRunner = createRequire(import.meta.url).resolve('@stryker-mutator/vitest-runner');

// Surviving mutants known to be equivalent (the behaviour cannot change; kept, not excluded):
// - access-policy.ts relationOf: `agencyId !== null &&` → `true &&` for originating, present and
//   assisting: a null agency never equals the string ids it is compared with, nor is it among
//   them, so those relations stay false. (Not for lead: the lead may be null; tested.)
// - access-policy.ts identityVisible: `case 'rejected': return false` removed or renamed: the
//   switch then ends without a return, and `undefined` refuses as `false` does.
// - access-policy.ts situationRule: the `situation.editDraft` case removed falls through to
//   `situation.present`'s rule, and the workflow allows editDraft and submit at the same single
//   stage (draft), which situation-workflow.test.ts pins.
// - access-policy.ts decide: the guard refusing non-situation permissions (and situation.create)
//   on a situation → `false`: situationRule's default refuses them with the same reason.
// - access-policy.ts membershipRule: `role === 'privacy_officer' &&` → `true &&`: only
//   coordinators (answered above) and privacy officers hold membership.review and reach it.
// - access-policy.ts rolesGranting: `permission !== 'situation.create'` → `true`: the situation
//   member roles are exactly the roles holding situation.create (coordinator, agency_rep).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: [vitestRunner],
  vitest: { configFile: 'stryker.vitest.config.ts', related: false },
  mutate: [
    'packages/shared/src/access-policy.ts',
    'packages/shared/src/situation-workflow.ts',
    'packages/shared/src/personal-data.ts',
    'packages/shared/src/suppression.ts',
    'apps/api/src/logger.ts',
  ],
  // pnpm keeps each package's dependencies in its own node_modules, which a sandbox copy would
  // lose; the instrumented files are written in place and the worktree is put back from a backup
  // when the run ends, so edit nothing while it runs (an edit made meanwhile is undone).
  inPlace: true,
  // Vitest does not type-check: no `// @ts-nocheck` written into every file of the worktree.
  disableTypeChecks: false,
  coverageAnalysis: 'perTest',
  concurrency: 2,
  // Generous: on a busy machine a whole-suite run (a static mutant) takes far longer than
  // measured in the dry run, and a timeout restarts the runner, which costs more than waiting.
  timeoutMS: 20_000,
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  thresholds: { high: 90, low: 80, break: 80 },
  tempDirName: '.stryker-tmp',
};
