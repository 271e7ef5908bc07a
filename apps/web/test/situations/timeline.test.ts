import { describe, expect, it } from 'vitest';
import { timelineOf } from '../../src/features/situations/utils/timeline';
import { situation } from './fixtures';

const at = (hour: number) => ({
  at: `2026-03-01T${String(hour).padStart(2, '0')}:00:00.000Z`,
  by: { displayName: 'Casey Chair', agencyName: 'Riverside Social Services' },
});

describe('timelineOf', () => {
  it('shows the five stages of the process, done up to the current one', () => {
    const view = situation({
      stage: 'filter3',
      steps: { ...situation().steps, submitted: at(10), decided: at(11) },
    });
    expect(timelineOf(view).map((entry) => [entry.stage, entry.state])).toEqual([
      ['draft', 'done'],
      ['filter2', 'done'],
      ['filter3', 'current'],
      ['filter4', 'upcoming'],
      ['closed', 'upcoming'],
    ]);
    expect(timelineOf(view)[2]?.step).toEqual(at(11));
    expect(timelineOf(view)[3]?.step).toBeNull();
  });

  it('ends a rejected situation at "rejected", with the decision step', () => {
    const view = situation({
      stage: 'rejected',
      steps: { ...situation().steps, submitted: at(10), decided: at(12) },
    });
    const entries = timelineOf(view);
    expect(entries.map((entry) => entry.stage)).toEqual(['draft', 'filter2', 'rejected']);
    expect(entries[2]).toMatchObject({ state: 'done', step: at(12) });
  });

  it('marks every stage of a concluded situation done', () => {
    const view = situation({
      stage: 'closed',
      steps: {
        ...situation().steps,
        submitted: at(10),
        decided: at(11),
        assigned: at(12),
        closed: at(13),
      },
    });
    expect(timelineOf(view).every((entry) => entry.state === 'done')).toBe(true);
    expect(timelineOf(view)[4]?.step).toEqual(at(13));
  });
});
