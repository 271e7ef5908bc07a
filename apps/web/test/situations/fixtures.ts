/** A de-identified situation view and actors, for the situation helpers' tests. */
import type { Actor, Role } from '@fourfold/shared/access-policy';
import type { Situation } from '@fourfold/shared/situations';

export const TABLE = '00000000-0000-4000-8000-000000000001';
export const OTHER_TABLE = '00000000-0000-4000-8000-000000000002';
export const agency = {
  police: { id: '10000000-0000-4000-8000-000000000001', name: 'Police' },
  mentalHealth: { id: '10000000-0000-4000-8000-000000000002', name: 'Mental health' },
  housing: { id: '10000000-0000-4000-8000-000000000003', name: 'Housing' },
  school: { id: '10000000-0000-4000-8000-000000000004', name: 'School' },
  social: { id: '10000000-0000-4000-8000-000000000005', name: 'Social services' },
};

const step = {
  at: '2026-03-01T14:00:00.000Z',
  by: { displayName: 'Pat Police', agencyName: 'Police' },
};

export function situation(overrides: Partial<Situation> = {}): Situation {
  return {
    id: '20000000-0000-4000-8000-000000000001',
    reference: 'RIV-2026-0001',
    tableId: TABLE,
    tableRequiresSecondFactor: false,
    stage: 'draft',
    version: 1,
    situationType: 'individual',
    ageBand: '16_17',
    gender: 'female',
    riskFactors: ['alcohol.use', 'housing.unstable'],
    protectiveFactors: [],
    studyFlags: [],
    summary: 'A young person without stable housing.',
    possibleNames: 'none',
    freeTextDestroyedAt: null,
    filter1: {
      agencyExhaustedOptions: true,
      significantInterest: true,
      probabilityOfHarm: true,
      severityOfHarm: true,
      multipleAgenciesNeeded: true,
    },
    originatingAgency: agency.police,
    agenciesPresent: [],
    leadAgency: null,
    assistingAgencies: [],
    rejectionReason: null,
    conclusion: null,
    firstContact: null,
    firstContactDueAt: null,
    noContactReason: null,
    identityStatus: 'held',
    steps: {
      created: step,
      submitted: null,
      decided: null,
      assigned: null,
      firstContact: null,
      closed: null,
      identityDestroyed: null,
    },
    ...overrides,
  };
}

export function actor(
  agencyId: string | null,
  role: Role = 'agency_rep',
  overrides: Partial<Actor> = {},
): Actor {
  return {
    userId: '30000000-0000-4000-8000-000000000001',
    agencyId,
    isAdministrator: false,
    secondFactor: false,
    memberships: [{ tableId: TABLE, role, agreementAccepted: true }],
    ...overrides,
  };
}
