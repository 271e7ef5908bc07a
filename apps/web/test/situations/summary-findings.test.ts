import { describe, expect, it } from 'vitest';
import { findPersonalData } from '@fourfold/shared/personal-data';
import {
  charactersOf,
  mergeFindings,
  segmentsOf,
} from '../../src/features/situations/utils/summary-findings';

describe('segmentsOf', () => {
  it('cuts the text into plain and marked pieces that add up to the text', () => {
    const text = 'Call her at 613-555-0199 or write to a.b@example.ca today.';
    const segments = segmentsOf(text, findPersonalData(text));
    expect(segments.map((segment) => segment.text).join('')).toBe(text);
    expect(segments.filter((segment) => segment.kind).map((s) => [s.kind, s.text])).toEqual([
      ['phone', '613-555-0199'],
      ['email', 'a.b@example.ca'],
    ]);
  });

  it('marks a name of the situation, whatever its case or accents', () => {
    const text = 'Zéphyrine was seen near the river.';
    const segments = segmentsOf(text, findPersonalData(text, ['Zephyrine']));
    expect(segments[0]).toEqual({ text: 'Zéphyrine', kind: 'name' });
  });

  it('returns the text as one plain piece when nothing was found', () => {
    expect(segmentsOf('Nothing here.', [])).toEqual([{ text: 'Nothing here.', kind: null }]);
    expect(segmentsOf('', [])).toEqual([]);
  });

  it('ignores findings that overlap or fall outside the text', () => {
    const segments = segmentsOf('abcdef', [
      { kind: 'name', start: 1, end: 3 },
      { kind: 'phone', start: 2, end: 4 },
      { kind: 'email', start: 10, end: 12 },
    ]);
    expect(segments).toEqual([
      { text: 'a', kind: null },
      { text: 'bc', kind: 'name' },
      { text: 'd', kind: 'phone' },
      { text: 'ef', kind: null },
    ]);
  });
});

describe('charactersOf', () => {
  it('counts from 1, both ends included, as people read "characters 13–24"', () => {
    const text = 'Call her at 613-555-0199.';
    const [finding] = findPersonalData(text);
    expect(finding && charactersOf(finding)).toEqual({ from: 13, to: 24 });
  });
});

describe('mergeFindings', () => {
  it('orders the findings of both checks and drops the overlapping ones', () => {
    expect(
      mergeFindings(
        [{ kind: 'name' as const, start: 10, end: 15 }],
        [
          { kind: 'phone' as const, start: 0, end: 5 },
          { kind: 'name' as const, start: 12, end: 14 },
        ],
      ),
    ).toEqual([
      { kind: 'phone', start: 0, end: 5 },
      { kind: 'name', start: 10, end: 15 },
    ]);
  });
});

describe('segmentsOf, on the text as typed', () => {
  it('marks what was typed, fullwidth digits and decomposed accents included', () => {
    const text = 'Call ６１３-５５５-０１９９ or ask Mme Ge\u0301linas.';
    const marked = segmentsOf(text, findPersonalData(text))
      .filter((segment) => segment.kind)
      .map((segment) => [segment.kind, segment.text]);
    expect(marked).toEqual([
      ['phone', '６１３-５５５-０１９９'],
      ['possible_name', 'Mme Ge\u0301linas'],
    ]);
  });
});
