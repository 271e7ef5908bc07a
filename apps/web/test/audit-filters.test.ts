// The audit log's search form as data: what travels in the address, what is refused, and the
// query the API receives (the person's own calendar days, as instants).
import { describe, expect, it } from 'vitest';
import { actionGroups, actionMessageKey } from '../src/features/audit/lib/actions';
import {
  apiQueryFromFilters,
  emptyFilters,
  filtersFromSearchParams,
  searchParamsFromFilters,
  validateFilters,
} from '../src/features/audit/lib/filters';
import en from '../src/features/audit/i18n/en.json';

const ID = '3f2b8c1e-5d4a-4b6f-9e7d-2a1c0b9d8e7f';

describe('audit log search filters', () => {
  it('round-trips through the address, leaving out empty fields', () => {
    const form = { ...emptyFilters, userId: ID, outcome: 'denied', fromDate: '2026-03-01' };
    const params = searchParamsFromFilters(form);
    expect(params.toString()).toBe(`userId=${ID}&outcome=denied&fromDate=2026-03-01`);
    expect(filtersFromSearchParams(params)).toEqual(form);
  });

  it('refuses identifiers that are not UUIDs (nor, for a situation, a reference) and impossible or reversed dates', () => {
    expect(validateFilters({ ...emptyFilters, situationId: 'RIV-2026' })).toEqual([
      { field: 'situationId', problem: 'situation' },
    ]);
    expect(validateFilters({ ...emptyFilters, userId: 'RIV-2026-0001' })).toEqual([
      { field: 'userId', problem: 'uuid' },
    ]);
    expect(validateFilters({ ...emptyFilters, fromDate: '2026-02-31' })).toEqual([
      { field: 'fromDate', problem: 'date' },
    ]);
    expect(
      validateFilters({ ...emptyFilters, fromDate: '2026-03-02', toDate: '2026-03-01' }),
    ).toEqual([{ field: 'toDate', problem: 'dateOrder' }]);
    expect(
      validateFilters({ ...emptyFilters, fromDate: '2026-03-01', toDate: '2026-03-01' }),
    ).toEqual([]);
  });

  it('takes a situation by reference (any case) or by id, and sends each as the API names it', () => {
    for (const situationId of ['RIV-2026-0001', ' riv-2026-0001 ', ID]) {
      expect(validateFilters({ ...emptyFilters, situationId }), situationId).toEqual([]);
    }
    const byReference = apiQueryFromFilters({ ...emptyFilters, situationId: ' riv-2026-0001 ' });
    expect(byReference.get('situationReference')).toBe('RIV-2026-0001');
    expect(byReference.has('situationId')).toBe(false);
    const byId = apiQueryFromFilters({ ...emptyFilters, situationId: ID.toUpperCase() });
    expect(byId.get('situationId')).toBe(ID);
    expect(byId.has('situationReference')).toBe(false);
  });

  it('sends whole local days: from the first midnight to the midnight after the last day', () => {
    const query = apiQueryFromFilters({
      ...emptyFilters,
      fromDate: '2026-03-01',
      toDate: '2026-03-01',
      dataCategory: 'identity',
      outcome: 'nonsense',
    });
    expect(query.get('from')).toBe(new Date(2026, 2, 1).toISOString());
    expect(query.get('to')).toBe(new Date(2026, 2, 2).toISOString());
    expect(query.get('dataCategory')).toBe('identity');
    expect(query.has('outcome')).toBe(false);
  });
});

describe('audit action names', () => {
  it('has English words for every action the filter offers', () => {
    const keys = Object.keys(en.actions);
    for (const code of Object.values(actionGroups).flat()) {
      expect(keys, code).toContain(actionMessageKey(code));
    }
  });
});
