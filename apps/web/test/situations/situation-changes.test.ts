import { describe, expect, it } from 'vitest';
import { situationChanges } from '../../src/features/situations/utils/situation-changes';
import { agency, situation } from './fixtures';

describe('situationChanges (what a stale write tells the person)', () => {
  it('is empty when the version did not move', () => {
    expect(situationChanges(situation(), situation())).toEqual([]);
  });

  it('names a stage that moved, and the identity destroyed by a rejection, not an edit', () => {
    const before = situation({ stage: 'filter2', version: 3 });
    const after = situation({
      stage: 'rejected',
      version: 4,
      rejectionReason: 'single_agency',
      summary: null,
      freeTextDestroyedAt: '2026-03-02T10:00:00.000Z',
      identityStatus: 'destroyed',
      agenciesPresent: [{ ...agency.police, involved: null }],
    });
    expect(situationChanges(before, after)).toEqual([
      { kind: 'stage', from: 'filter2', to: 'rejected' },
      { kind: 'identityDestroyed' },
    ]);
  });

  it('names the lead agency and says the assisting agencies changed', () => {
    const before = situation({ stage: 'filter3', version: 5 });
    const after = situation({
      stage: 'filter4',
      version: 6,
      leadAgency: agency.mentalHealth,
      assistingAgencies: [agency.housing],
    });
    expect(situationChanges(before, after)).toEqual([
      { kind: 'stage', from: 'filter3', to: 'filter4' },
      { kind: 'leadAgency', agency: 'Mental health' },
      { kind: 'assistingAgencies' },
    ]);
  });

  it('names the agencies that answered the involvement question', () => {
    const before = situation({
      stage: 'filter3',
      version: 5,
      agenciesPresent: [
        { ...agency.mentalHealth, involved: null },
        { ...agency.housing, involved: true },
      ],
    });
    const after = situation({
      stage: 'filter3',
      version: 6,
      agenciesPresent: [
        { ...agency.mentalHealth, involved: false },
        { ...agency.housing, involved: true },
      ],
    });
    expect(situationChanges(before, after)).toEqual([
      { kind: 'involvement', agencies: ['Mental health'] },
    ]);
  });

  it('says the first contact was recorded', () => {
    const before = situation({ stage: 'filter4', version: 7 });
    const after = situation({
      stage: 'filter4',
      version: 8,
      firstContact: { at: '2026-03-03T10:00:00.000Z', outcome: 'engaged' },
    });
    expect(situationChanges(before, after)).toEqual([{ kind: 'firstContact' }]);
  });

  it('says a draft was edited when a fact, a Filter 1 answer or the summary changed', () => {
    const before = situation({ version: 1 });
    expect(situationChanges(before, situation({ version: 2, ageBand: '18_24' }))).toEqual([
      { kind: 'draftEdited' },
    ]);
    expect(
      situationChanges(
        before,
        situation({ version: 2, filter1: { ...before.filter1, severityOfHarm: null } }),
      ),
    ).toEqual([{ kind: 'draftEdited' }]);
    expect(situationChanges(before, situation({ version: 2, summary: 'Another text.' }))).toEqual([
      { kind: 'draftEdited' },
    ]);
  });

  it('says identifying information was added', () => {
    const before = situation({ version: 1, identityStatus: 'none' });
    expect(situationChanges(before, situation({ version: 2, identityStatus: 'held' }))).toEqual([
      { kind: 'identityAdded' },
    ]);
  });

  it('says something else changed when the views differ only by version', () => {
    expect(situationChanges(situation({ version: 1 }), situation({ version: 2 }))).toEqual([
      { kind: 'other' },
    ]);
  });
});
