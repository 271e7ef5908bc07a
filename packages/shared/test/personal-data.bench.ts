/**
 * µs per run of the personal-data detector: a summary as the demo writes them (the API runs the
 * detector on every read of a situation, for its possible-name status, and on every write of a
 * summary; the web on every keystroke of a draft), and text as long as a summary may be (2,000
 * characters) made of what once cost the square of its length: one run of letters, Latin or CJK.
 * Run: pnpm --filter @fourfold/shared exec vitest bench --run test/personal-data.bench.ts
 */
import { bench, describe } from 'vitest';
import { findPersonalData } from '../src/personal-data';
import { SUMMARY_MAX_LENGTH } from '../src/situations';

const summary =
  'Adult male in his 40s, recently evicted, sleeping in his car near the river. Escalating ' +
  'alcohol use, two recent ED visits after falls, stopped taking prescribed medication. Family ' +
  'reports threats of self-harm and a recent fight at the shelter; police attended twice this ' +
  'month. Income support lapsed; no phone. Agencies have each tried to engage separately.';
const resume =
  'Femme âgée de 70 à 79 ans, vit seule, perte d’autonomie; refus des services à domicile. Le ' +
  'propriétaire signale un logement insalubre; deux chutes depuis février. Sa fille, à Québec, ' +
  'n’arrive plus à la joindre. La police est intervenue une fois.';
const latinRun = 'a'.repeat(SUMMARY_MAX_LENGTH);
const cjkRun = Array.from({ length: SUMMARY_MAX_LENGTH }, (_, i) =>
  String.fromCodePoint(0x4e00 + i),
).join('');

describe('findPersonalData', () => {
  bench(`an English summary (${summary.length} characters)`, () => {
    findPersonalData(summary);
  });
  bench(`a French summary (${resume.length} characters)`, () => {
    findPersonalData(resume);
  });
  bench(`one run of ${SUMMARY_MAX_LENGTH} Latin letters`, () => {
    findPersonalData(latinRun);
  });
  bench(`one run of ${SUMMARY_MAX_LENGTH} CJK letters`, () => {
    findPersonalData(cjkRun);
  });
});
