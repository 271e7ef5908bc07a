import { describe, expect, it } from 'vitest';
import { findPersonalData, namePartsOf, type PersonalDataKind } from '../src/personal-data';

const kinds = (text: string, names: string[] = []) =>
  findPersonalData(text, names).map((finding) => finding.kind);

describe('findPersonalData', () => {
  it.each<[string, PersonalDataKind]>([
    ['Contact the worker at jane.doe@agency.on.ca for details.', 'email'],
    ['Call (613) 555-0199 after six.', 'phone'],
    ['Cell is 613.555.0199.', 'phone'],
    ['Reached at +1 613 555 0199 last week.', 'phone'],
    ['Health card 1234-567-890-AB on file.', 'health_card'],
    ['OHIP 1234 567 890.', 'health_card'],
    ['SIN 046 454 286 was given.', 'sin'],
    ['Lives near K1A 0B1 downtown.', 'postal_code'],
    ['Postal code k2p1l4.', 'postal_code'],
    ['Born 2009-04-17 according to the school.', 'date'],
    ['Incident on 17/04/2023 at night.', 'date'],
    ['Seen on March 3, 2024 by police.', 'date'],
    ['Vu le 3 mars 2024 par la police.', 'date'],
    ['Staying at 42 Elm Street with a cousin.', 'street_address'],
    ['Moved to 1200 Bank St.', 'street_address'],
    ['Habite au 15, rue Principale depuis mai.', 'street_address'],
  ])('finds %s', (text, kind) => {
    expect(kinds(text)).toEqual([kind]);
  });

  it.each([
    'Youth, 16–17, frequent police contact since spring 2024.',
    'Family of four; mother reports 3 incidents in the past 2 months.',
    'Missed school for 20 days in October 2024.',
    'Risk increased after eviction notice in March 2025.',
    'Two agencies already involved; 48-hour follow-up needed.',
    'Adulte de 40 à 59 ans, isolement social depuis mars 2025.',
  ])('leaves de-identified text alone: %s', (text) => {
    expect(findPersonalData(text)).toEqual([]);
  });

  it('finds the situation’s own names regardless of case and accents, as whole words', () => {
    const names = namePartsOf([{ givenName: 'Zoé', familyName: 'Lévesque-Martin' }]);
    expect(kinds('zoe was seen with LEVESQUE family', names)).toEqual(['name', 'name']);
    expect(kinds('Martinez met Martineau', names)).toEqual([]);
    expect(kinds('Ms. Martin declined services', names)).toEqual(['name']);
  });

  it('reports where each finding is, never what it is', () => {
    const text = 'Email a@b.ca or call 613-555-0199.';
    const findings = findPersonalData(text);
    expect(findings).toEqual([
      { kind: 'email', start: 6, end: 12 },
      { kind: 'phone', start: 21, end: 33 },
    ]);
    expect(text.slice(findings[1]!.start, findings[1]!.end)).toBe('613-555-0199');
  });

  it('ignores one-letter names and merges overlapping findings', () => {
    expect(kinds('J was here', ['J'])).toEqual([]);
    expect(findPersonalData('a@b.ca', ['a'])).toHaveLength(1);
  });
});
