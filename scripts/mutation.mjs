// `pnpm test:mutation [file...]`: StrykerJS (stryker.config.mjs) over each file where privacy is
// decided, one run per file against the tests that cover it, then a score per file.
//
// Stryker 10's command line refuses to start below Node 22 (a version guard run on import of the
// package's entry), while Fourfold supports Node 20.19, which CI runs; the engine itself runs on
// Node 20, so it is started here through its own class, loaded by path past that guard.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const core = path.dirname(require.resolve('@stryker-mutator/core/package.json'));
const { Stryker } = await import(pathToFileURL(path.join(core, 'dist/src/stryker.js')).href);
const { default: config } = await import(pathToFileURL(path.resolve('stryker.config.mjs')).href);

/** Each mutated file and the tests that can notice a change to it. */
const testsOf = {
  'packages/shared/src/access-policy.ts': ['packages/shared/test/access-policy.test.ts'],
  // The policy asks the workflow which step a stage allows: its tests cover the workflow too.
  'packages/shared/src/situation-workflow.ts': [
    'packages/shared/test/situation-workflow.test.ts',
    'packages/shared/test/access-policy.test.ts',
  ],
  'packages/shared/src/personal-data.ts': ['packages/shared/test/personal-data.test.ts'],
  'packages/shared/src/suppression.ts': ['packages/shared/test/suppression.test.ts'],
  'apps/api/src/logger.ts': ['apps/api/test/logger.test.ts'],
};

const only = process.argv.slice(2);
const files = only.length > 0 ? only : config.mutate;
const scores = [];
for (const file of files) {
  const tests = testsOf[file];
  if (!tests) throw new Error(`${file}: no tests listed for it in scripts/mutation.mjs`);
  process.env.FOURFOLD_MUTATION_TESTS = tests.join(',');
  const started = Date.now();
  const results = await new Stryker({
    ...config,
    mutate: [file],
    htmlReporter: { fileName: `reports/mutation/${path.basename(file, '.ts')}.html` },
  }).runMutationTest();
  // Killed and timed out count as detected; equivalent mutants are excluded in the source.
  const detected = results.filter((r) => r.status === 'Killed' || r.status === 'Timeout').length;
  const valid = results.filter(
    (r) => !['CompileError', 'RuntimeError', 'Ignored'].includes(r.status),
  );
  scores.push({
    file,
    mutants: valid.length,
    score: ((100 * detected) / valid.length).toFixed(2),
    seconds: Math.round((Date.now() - started) / 1000),
  });
}
console.table(scores);
