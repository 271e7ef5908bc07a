import { describe, expect, it } from 'vitest';
import {
  situationActionsFor,
  situationSubjectOf,
} from '../../src/features/situations/utils/situation-subject';
import { actor, agency, OTHER_TABLE, situation, TABLE } from './fixtures';

const atFilter3 = situation({
  stage: 'filter3',
  agenciesPresent: [
    { ...agency.police, involved: true },
    { ...agency.mentalHealth, involved: null },
    { ...agency.social, involved: false },
  ],
});
const atFilter4 = situation({
  stage: 'filter4',
  agenciesPresent: atFilter3.agenciesPresent,
  leadAgency: agency.mentalHealth,
  assistingAgencies: [agency.housing],
});

describe('situationSubjectOf', () => {
  it('builds the policy subject from the de-identified view, agencies by id', () => {
    expect(situationSubjectOf({ ...atFilter4, tableRequiresSecondFactor: true })).toEqual({
      kind: 'situation',
      tableId: TABLE,
      requiresSecondFactor: true,
      stage: 'filter4',
      originatingAgencyId: agency.police.id,
      agenciesPresent: [agency.police.id, agency.mentalHealth.id, agency.social.id],
      leadAgencyId: agency.mentalHealth.id,
      assistingAgencyIds: [agency.housing.id],
    });
  });

  it('has no lead agency before assignment', () => {
    expect(situationSubjectOf(situation()).leadAgencyId).toBeNull();
  });
});

describe('situationActionsFor', () => {
  it('offers the originating agency editing and presenting of its draft, and identity', () => {
    const actions = situationActionsFor(actor(agency.police.id), situation());
    expect(actions).toMatchObject({
      editDraft: true,
      present: true,
      editIdentity: true,
      viewIdentity: true,
      decide: false,
    });
  });

  it('offers nothing of a draft to another agency, not even to the coordinator', () => {
    for (const person of [actor(agency.school.id), actor(agency.social.id, 'coordinator')]) {
      expect(Object.values(situationActionsFor(person, situation())).some(Boolean)).toBe(false);
    }
  });

  it('offers the filter-2 decision to the coordinator only, and identity to no one else', () => {
    const atFilter2 = situation({ stage: 'filter2' });
    const chair = situationActionsFor(actor(agency.social.id, 'coordinator'), atFilter2);
    expect(chair.decide).toBe(true);
    expect(chair.viewIdentity).toBe(false);
    const school = situationActionsFor(actor(agency.school.id), atFilter2);
    expect(school.decide).toBe(false);
    expect(school.viewIdentity).toBe(false);
    expect(situationActionsFor(actor(agency.police.id), atFilter2).present).toBe(false);
  });

  it('at filter 3 shows identity and involvement to the agencies present only', () => {
    const present = situationActionsFor(actor(agency.mentalHealth.id), atFilter3);
    expect(present).toMatchObject({ viewIdentity: true, declareInvolvement: true, assign: false });
    const absent = situationActionsFor(actor(agency.school.id), atFilter3);
    expect(absent).toMatchObject({ viewIdentity: false, declareInvolvement: false });
    const chairPresent = situationActionsFor(actor(agency.social.id, 'coordinator'), atFilter3);
    expect(chairPresent).toMatchObject({ viewIdentity: true, assign: true });
  });

  it('at filter 4 takes identity away from an agency present but not assigned', () => {
    const chair = situationActionsFor(actor(agency.social.id, 'coordinator'), atFilter4);
    expect(chair).toMatchObject({ viewIdentity: false, readNotes: false, close: true });
    const lead = situationActionsFor(actor(agency.mentalHealth.id), atFilter4);
    expect(lead).toMatchObject({
      viewIdentity: true,
      readNotes: true,
      writeNotes: true,
      recordContact: true,
      close: false,
    });
    const originating = situationActionsFor(actor(agency.police.id), atFilter4);
    expect(originating).toMatchObject({
      viewIdentity: true,
      writeNotes: true,
      recordContact: false,
    });
  });

  it('keeps notes readable but not writable once closed', () => {
    const closed = { ...atFilter4, stage: 'closed' as const };
    const lead = situationActionsFor(actor(agency.housing.id), closed);
    expect(lead).toMatchObject({ readNotes: true, writeNotes: false, editIdentity: false });
  });

  it('gives a member of another table nothing at all', () => {
    const outsider = actor(agency.police.id, 'agency_rep', {
      memberships: [{ tableId: OTHER_TABLE, role: 'agency_rep', agreementAccepted: true }],
    });
    expect(Object.values(situationActionsFor(outsider, atFilter4)).some(Boolean)).toBe(false);
  });

  it('offers nothing while the confidentiality agreement is not accepted', () => {
    const notAccepted = actor(agency.mentalHealth.id, 'agency_rep', {
      memberships: [{ tableId: TABLE, role: 'agency_rep', agreementAccepted: false }],
    });
    expect(Object.values(situationActionsFor(notAccepted, atFilter4)).some(Boolean)).toBe(false);
  });
});
