import { describe, expect, it } from 'vitest';
import {
  activeCodes,
  codeListNames,
  codeSchema,
  entriesOf,
  isActiveCodeIn,
  labelOf,
  taxonomyKeys,
  taxonomySchema,
  type Taxonomy,
} from '../src/taxonomy';

const entry = (code: string, en: string, fr: string, retired = false) => ({
  code,
  label: { en, fr },
  retired,
});

const taxonomy: Taxonomy = {
  situationTypes: [entry('individual', 'Individual', 'Personne')],
  ageBands: [entry('0_5', '0–5', '0 à 5 ans'), entry('old_band', 'Old', 'Ancien', true)],
  genders: [entry('unknown', 'Unknown', 'Inconnu')],
  riskCategories: [
    {
      ...entry('alcohol', 'Alcohol', 'Alcool'),
      factors: [
        entry('alcohol.use', 'Alcohol – use', 'Alcool – consommation'),
        entry('alcohol.old', 'Alcohol – old', 'Alcool – ancien', true),
      ],
    },
    {
      ...entry('gone', 'Gone', 'Disparu', true),
      // The server reports a retired category's factors retired as well.
      factors: [entry('gone.factor', 'Gone – factor', 'Disparu – facteur', true)],
    },
  ],
  protectiveFactors: [],
  studyFlags: [],
  rejectionReasons: [entry('other', 'Other', 'Autre')],
  noContactReasons: [
    entry('unable_to_locate', 'Person could not be located', 'Personne introuvable'),
  ],
  conclusionReasons: [{ ...entry('lowered_other', 'Lowered', 'Réduit'), riskLowered: true }],
  sectors: [entry('police', 'Police', 'Services policiers')],
};

describe('taxonomy schema and helpers', () => {
  it('accepts a well-formed answer and rejects a code of the wrong shape', () => {
    expect(taxonomySchema.parse(taxonomy)).toEqual(taxonomy);
    const bad = { ...taxonomy, sectors: [entry('Police Services', 'Police', 'Police')] };
    expect(taxonomySchema.safeParse(bad).success).toBe(false);
  });

  it('accepts codes of lower-case letters, digits, _ and ., starting with a letter or digit', () => {
    for (const good of ['police', '0_5', 'alcohol.abuse_in_home', '60_plus']) {
      expect(codeSchema.safeParse(good).success).toBe(true);
    }
    for (const bad of ['', '_x', '.x', 'Police', 'a-b', 'a b', 'é', 'x'.repeat(101)]) {
      expect(codeSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('maps every list except risk factors to a key of the answer', () => {
    const mapped = Object.keys(taxonomyKeys).sort();
    expect(mapped).toEqual(codeListNames.filter((list) => list !== 'risk_factor').sort());
    expect(new Set(Object.values(taxonomyKeys)).size).toBe(mapped.length);
  });

  it('flattens risk factors across their categories, in order', () => {
    expect(entriesOf(taxonomy, 'risk_factor').map((e) => e.code)).toEqual([
      'alcohol.use',
      'alcohol.old',
      'gone.factor',
    ]);
  });

  it('offers only active codes for new data', () => {
    expect(activeCodes(taxonomy, 'age_band')).toEqual(['0_5']);
    expect(activeCodes(taxonomy, 'risk_category')).toEqual(['alcohol']);
    expect(activeCodes(taxonomy, 'risk_factor')).toEqual(['alcohol.use']);
    expect(isActiveCodeIn(taxonomy, 'sector', 'police')).toBe(true);
    expect(isActiveCodeIn(taxonomy, 'age_band', 'old_band')).toBe(false);
    expect(isActiveCodeIn(taxonomy, 'gender', 'police')).toBe(false);
  });

  it('still labels retired codes, in either language', () => {
    expect(labelOf(taxonomy, 'age_band', 'old_band', 'fr')).toBe('Ancien');
    expect(labelOf(taxonomy, 'risk_factor', 'alcohol.use', 'en')).toBe('Alcohol – use');
    expect(labelOf(taxonomy, 'sector', 'nope', 'en')).toBeUndefined();
  });
});
