import { describe, expect, it } from 'vitest';
import {
  inRoomStepsFor,
  noSteps,
  runsMeetings,
} from '../../src/features/meetings/utils/in-room-steps';
import { actor, agency, situation, TABLE } from '../situations/fixtures';

const coordinator = actor(agency.social.id, 'coordinator');
const atFilter2 = situation({ stage: 'filter2' });
const atFilter3 = situation({
  stage: 'filter3',
  agenciesPresent: [
    { ...agency.police, involved: null },
    { ...agency.mentalHealth, involved: null },
  ],
});
const atFilter4 = situation({
  stage: 'filter4',
  agenciesPresent: atFilter3.agenciesPresent,
  leadAgency: agency.mentalHealth,
  assistingAgencies: [agency.housing],
});

const only = (...steps: Array<keyof typeof noSteps>) => ({
  ...noSteps,
  ...Object.fromEntries(steps.map((step) => [step, true])),
});

describe('inRoomStepsFor', () => {
  it('offers the chair the filter-2 decision, and a representative nothing', () => {
    expect(inRoomStepsFor(coordinator, atFilter2, 'open')).toEqual(only('decide'));
    expect(inRoomStepsFor(actor(agency.police.id), atFilter2, 'open')).toEqual(noSteps);
  });

  it('offers involvement at filter 3 to an agency present only, and assignment to the chair', () => {
    expect(inRoomStepsFor(actor(agency.mentalHealth.id), atFilter3, 'open')).toEqual(
      only('declareInvolvement', 'reportBack'),
    );
    expect(inRoomStepsFor(actor(agency.school.id), atFilter3, 'open')).toEqual(only('reportBack'));
    expect(inRoomStepsFor(coordinator, atFilter3, 'open')).toEqual(only('assign', 'reportBack'));
  });

  it('offers the work and report-backs at filter 4, and the conclusion to the chair', () => {
    expect(inRoomStepsFor(coordinator, atFilter4, 'open')).toEqual(
      only('work', 'reportBack', 'conclude'),
    );
    expect(inRoomStepsFor(actor(agency.housing.id), atFilter4, 'open')).toEqual(
      only('work', 'reportBack'),
    );
  });

  it('offers nothing once a situation is concluded or rejected', () => {
    expect(inRoomStepsFor(coordinator, situation({ stage: 'closed' }), 'open')).toEqual(noSteps);
    expect(inRoomStepsFor(coordinator, situation({ stage: 'rejected' }), 'open')).toEqual(noSteps);
  });

  it('offers nothing while the meeting is not open', () => {
    for (const status of ['scheduled', 'closed', 'cancelled'] as const) {
      expect(inRoomStepsFor(coordinator, atFilter2, status)).toEqual(noSteps);
    }
  });

  it('offers nothing to a person who has not accepted the agreement', () => {
    const unsigned = actor(agency.social.id, 'coordinator', {
      memberships: [{ tableId: TABLE, role: 'coordinator', agreementAccepted: false }],
    });
    expect(inRoomStepsFor(unsigned, atFilter2, 'open')).toEqual(noSteps);
  });
});

describe('runsMeetings', () => {
  it('is the chair of that table only', () => {
    const table = { id: TABLE, requiresSecondFactor: false };
    expect(runsMeetings(coordinator, table)).toBe(true);
    expect(runsMeetings(actor(agency.police.id), table)).toBe(false);
    expect(
      runsMeetings(coordinator, { ...table, id: '00000000-0000-4000-8000-000000000009' }),
    ).toBe(false);
    expect(runsMeetings(coordinator, { ...table, requiresSecondFactor: true })).toBe(false);
  });
});
