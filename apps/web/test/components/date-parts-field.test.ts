import { describe, expect, it } from 'vitest';
import { partsOf, valueOf } from '../../src/components/date-parts-field';

describe('a date typed as day, month and year', () => {
  it('gives an ISO date once the parts make one, padding the day and month', () => {
    expect(valueOf({ day: '7', month: '3', year: '2009' })).toBe('2009-03-07');
    expect(valueOf({ day: '27', month: '12', year: '2009' })).toBe('2009-12-27');
  });

  it('gives nothing when nothing is entered', () => {
    expect(valueOf({ day: '', month: '', year: '' })).toBe('');
    expect(valueOf({ day: ' ', month: '', year: '' })).toBe('');
  });

  it('keeps a date entered in part as typed, which no ISO check accepts', () => {
    expect(valueOf({ day: '27', month: '', year: '2009' })).toBe('2009--27');
    expect(valueOf({ day: '27', month: '3', year: '09' })).toBe('09-3-27');
    expect(valueOf({ day: 'x', month: '3', year: '2009' })).toBe('2009-3-x');
  });

  it('reads an ISO date, or a part-typed one, back into its parts', () => {
    expect(partsOf('2009-03-07')).toEqual({ year: '2009', month: '3', day: '07' });
    expect(partsOf('2009--27')).toEqual({ year: '2009', month: '', day: '27' });
    expect(partsOf('')).toEqual({ year: '', month: '', day: '' });
    expect(valueOf(partsOf('2009-10-01'))).toBe('2009-10-01');
  });
});
