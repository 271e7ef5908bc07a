// The situation list's filters as data: what the page address holds (links from the home pages
// included), what a stale or hand-edited address drops, and what the date-range check refuses.
import { describe, expect, it } from 'vitest';
import {
  emptyListFilters,
  isFiltered,
  listFiltersFromSearchParams,
  moreFiltersInUse,
  narrowingFilters,
  searchParamsFromListFilters,
  validateListFilters,
} from '../../src/features/situations/utils/list-filters';

const AGENCY = '3f2b8c1e-5d4a-4b6f-9e7d-2a1c0b9d8e7f';

describe('situation list filters', () => {
  it('round-trips through the address, leaving out defaults', () => {
    const filters = {
      ...emptyListFilters,
      q: 'RIV-2026',
      stage: 'filter4' as const,
      leadAgencyId: AGENCY,
      overdue: true,
      createdFrom: '2026-03-01',
      sort: 'firstContactDue' as const,
      order: 'asc' as const,
    };
    const params = searchParamsFromListFilters(filters);
    expect(params.toString()).toBe(
      `q=RIV-2026&stage=filter4&leadAgencyId=${AGENCY}&overdue=true&createdFrom=2026-03-01&sort=firstContactDue&order=asc`,
    );
    expect(listFiltersFromSearchParams(params)).toEqual(filters);
    expect(searchParamsFromListFilters(emptyListFilters).toString()).toBe('');
    expect(isFiltered(emptyListFilters)).toBe(false);
  });

  it('reads the links the home pages make', () => {
    expect(
      listFiltersFromSearchParams(
        new URLSearchParams(`stage=draft&originatingAgencyId=${AGENCY.toUpperCase()}`),
      ),
    ).toEqual({ ...emptyListFilters, stage: 'draft', originatingAgencyId: AGENCY });
    expect(listFiltersFromSearchParams(new URLSearchParams('overdue=true'))).toEqual({
      ...emptyListFilters,
      overdue: true,
    });
  });

  it('drops what the list cannot take instead of failing', () => {
    const params = new URLSearchParams(
      'stage=nonsense&leadAgencyId=police&createdFrom=2026-02-31&sort=name&order=up&overdue=yes&q=' +
        'R'.repeat(41),
    );
    expect(listFiltersFromSearchParams(params)).toEqual(emptyListFilters);
  });

  it('counts the filters behind the disclosure and leaves stage and sort out of the counts', () => {
    const filters = { ...emptyListFilters, stage: 'closed' as const, q: '0001', overdue: true };
    expect(moreFiltersInUse(filters)).toBe(1);
    expect(moreFiltersInUse({ ...filters, order: 'asc' })).toBe(2);
    expect(narrowingFilters({ ...filters, sort: 'reference' }).toString()).toBe(
      'q=0001&overdue=true',
    );
  });

  it('refuses a creation range that runs backwards, and takes a single day', () => {
    expect(
      validateListFilters({
        ...emptyListFilters,
        createdFrom: '2026-03-02',
        createdTo: '2026-03-01',
      }),
    ).toEqual([{ field: 'createdTo', problem: 'dateOrder' }]);
    expect(
      validateListFilters({
        ...emptyListFilters,
        createdFrom: '2026-03-01',
        createdTo: '2026-03-01',
      }),
    ).toEqual([]);
  });
});
