import { describe, expect, it } from 'vitest';
import type { RiskCategoryEntry } from '@fourfold/shared/taxonomy';
import {
  filterGroups,
  foldForSearch,
  riskFactorGroups,
  withoutCategoryPrefix,
} from '../../src/features/situations/utils/code-filter';

const categories: RiskCategoryEntry[] = [
  {
    code: 'housing',
    label: { en: 'Housing', fr: 'Logement' },
    retired: false,
    factors: [
      {
        code: 'housing.unstable',
        label: { en: 'Housing – unstable housing', fr: 'Logement – logement instable' },
        retired: false,
      },
      {
        code: 'housing.homeless',
        label: { en: 'Housing – homeless', fr: 'Logement – sans-abri' },
        retired: false,
      },
      {
        code: 'housing.old',
        label: { en: 'Housing – retired factor', fr: 'Logement – facteur retiré' },
        retired: true,
      },
    ],
  },
  {
    code: 'mental_health',
    label: { en: 'Mental health', fr: 'Santé mentale' },
    retired: false,
    factors: [
      {
        code: 'mental_health.diagnosed',
        label: { en: 'Mental health – diagnosed', fr: 'Santé mentale – diagnostiquée' },
        retired: false,
      },
    ],
  },
  {
    code: 'gone',
    label: { en: 'Gone', fr: 'Disparue' },
    retired: true,
    factors: [
      { code: 'gone.one', label: { en: 'Gone – one', fr: 'Disparue – un' }, retired: false },
    ],
  },
];

describe('risk factor picker', () => {
  it('drops the category name in front of each factor, and raises its first letter', () => {
    expect(withoutCategoryPrefix('Housing – unstable housing', 'Housing')).toBe('Unstable housing');
    expect(withoutCategoryPrefix('Something else', 'Housing')).toBe('Something else');
  });

  it('offers active factors of active categories, in the chosen language', () => {
    const groups = riskFactorGroups(categories, 'fr');
    expect(groups.map((group) => group.label)).toEqual(['Logement', 'Santé mentale']);
    expect(groups[0]?.options).toEqual([
      { code: 'housing.unstable', label: 'Logement instable' },
      { code: 'housing.homeless', label: 'Sans-abri' },
    ]);
  });

  it('keeps a retired factor the situation already has', () => {
    const groups = riskFactorGroups(categories, 'en', ['housing.old', 'gone.one']);
    expect(groups.flatMap((g) => g.options.map((o) => o.code))).toContain('housing.old');
    expect(groups.flatMap((g) => g.options.map((o) => o.code))).toContain('gone.one');
  });

  it('filters ignoring case, accents and punctuation; every word must match', () => {
    const groups = riskFactorGroups(categories, 'fr');
    expect(filterGroups(groups, 'sans abri').flatMap((g) => g.options.map((o) => o.code))).toEqual([
      'housing.homeless',
    ]);
    expect(filterGroups(groups, 'SANTE').map((g) => g.code)).toEqual(['mental_health']);
    // A category's name finds all of its factors.
    expect(filterGroups(groups, 'logement')[0]?.options).toHaveLength(2);
    expect(filterGroups(groups, 'logement diagnostiquée')).toEqual([]);
    expect(filterGroups(groups, '   ')).toEqual(groups);
  });

  it('folds text for comparison', () => {
    expect(foldForSearch('  Santé–MENTALE ')).toBe('sante mentale');
  });
});
