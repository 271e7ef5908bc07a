import { describe, expect, it } from 'vitest';
import {
  agenciesPresent,
  attendanceDraftOf,
  attendanceRequestOf,
} from '../../src/features/meetings/utils/attendance';
import { agency } from '../situations/fixtures';
import { attendanceEntry } from './fixtures';

const police = attendanceEntry('police', {
  status: 'present',
  representative: { id: '70000000-0000-4000-8000-000000000001', displayName: 'Rep of Police' },
});
const housing = attendanceEntry('housing', { status: 'apologies' });
const school = attendanceEntry('school');
const entries = [police, housing, school];

describe('attendance form', () => {
  it('starts from what was recorded', () => {
    expect(attendanceDraftOf(entries)).toEqual({
      [agency.police.id]: { status: 'present', representativeUserId: police.representative?.id },
      [agency.housing.id]: { status: 'apologies', representativeUserId: '' },
      [agency.school.id]: { status: null, representativeUserId: '' },
    });
  });

  it('sends every agency, unanswered ones as absent, a representative only with present', () => {
    const draft = attendanceDraftOf(entries);
    draft[agency.housing.id] = { status: 'apologies', representativeUserId: 'ignored' };
    expect(attendanceRequestOf(entries, draft)).toEqual({
      entries: [
        {
          agencyId: agency.police.id,
          status: 'present',
          representativeUserId: police.representative?.id,
        },
        { agencyId: agency.housing.id, status: 'apologies' },
        { agencyId: agency.school.id, status: 'absent' },
      ],
    });
  });

  it('sends a present agency without a representative when none is named', () => {
    const draft = { [agency.school.id]: { status: 'present' as const, representativeUserId: '' } };
    expect(attendanceRequestOf([school], draft)).toEqual({
      entries: [{ agencyId: agency.school.id, status: 'present' }],
    });
  });

  it('lists the agencies present for the filter-2 decision', () => {
    expect(agenciesPresent(entries).map((entry) => entry.id)).toEqual([agency.police.id]);
    expect(agenciesPresent([housing, school])).toEqual([]);
  });
});
