import { describe, expect, it } from 'vitest';
import {
  filter1NotYetYes,
  identitySchema,
  presentBlockers,
  situationDraftSchema,
} from '@fourfold/shared/situations';
import {
  draftErrorsOf,
  draftValuesOf,
  emptyDraft,
  toDraft,
} from '../../src/features/situations/utils/draft-form';
import {
  emptyIdentity,
  emptyPerson,
  hasIdentityErrors,
  identityErrorsOf,
  isIdentityBlank,
  toIdentity,
  type IdentityValues,
} from '../../src/features/situations/utils/identity-form';
import { situation } from './fixtures';

const TODAY = '2026-03-15';

describe('the draft form', () => {
  it('asks for the three codes and the summary, not for the filter-1 answers', () => {
    expect(draftErrorsOf(emptyDraft(), false)).toEqual([
      'situationType',
      'ageBand',
      'gender',
      'summaryRequired',
    ]);
  });

  it('refuses a summary with personal data in it', () => {
    const values = draftValuesOf(situation());
    expect(draftErrorsOf(values, false)).toEqual([]);
    expect(draftErrorsOf(values, true)).toEqual(['summaryPersonalData']);
  });

  it('asks to replace codes retired since they were chosen, field by field', () => {
    const values = draftValuesOf(situation());
    const retired = new Set([values.ageBand, values.riskFactors[0]]);
    expect(draftErrorsOf(values, false, (_list, code) => !retired.has(code))).toEqual([
      'ageBandRetired',
      'riskFactorsRetired',
    ]);
    // A code of the same name in another list is not confused with it.
    expect(
      draftErrorsOf(values, false, (list, code) => list !== 'study_flag' || !retired.has(code)),
    ).toEqual([]);
  });

  it('sends what the contract accepts, "no" answers included', () => {
    const values = draftValuesOf(situation());
    values.filter1.severityOfHarm = false;
    values.summary = '  Trimmed.  ';
    const draft = toDraft(values);
    expect(situationDraftSchema.safeParse(draft).success).toBe(true);
    expect(draft.summary).toBe('Trimmed.');
    expect(draft.filter1.severityOfHarm).toBe(false);
  });

  it('sends the filter-1 questions not answered yet as unanswered, not as "no"', () => {
    const values = draftValuesOf(situation());
    values.filter1.probabilityOfHarm = null;
    values.filter1.severityOfHarm = false;
    const draft = toDraft(values);
    expect(draft.filter1).toEqual({
      ...situation().filter1,
      probabilityOfHarm: null,
      severityOfHarm: false,
    });
    expect(situationDraftSchema.parse(draft).filter1.probabilityOfHarm).toBeNull();
    expect(draftErrorsOf(values, false)).toEqual([]);
  });

  it('says why a draft cannot be presented yet', () => {
    expect(presentBlockers(situation(), 2)).toEqual([]);
    expect(presentBlockers(situation(), 3)).toEqual(['riskFactors']);
    const unsure = situation({ filter1: { ...situation().filter1, probabilityOfHarm: false } });
    expect(presentBlockers(unsure, 0)).toEqual(['filter1']);
    const unanswered = situation({ filter1: { ...situation().filter1, severityOfHarm: null } });
    expect(presentBlockers(unanswered, 2)).toEqual(['filter1']);
    expect(filter1NotYetYes({ ...unsure.filter1, severityOfHarm: null })).toEqual([
      'probabilityOfHarm',
      'severityOfHarm',
    ]);
    expect(presentBlockers(situation({ possibleNames: 'unconfirmed' }), 2)).toEqual([
      'possibleNames',
    ]);
    expect(presentBlockers(situation({ possibleNames: 'confirmed' }), 2)).toEqual([]);
  });

  it('confirms the possible names only when the author ticked every one of them', () => {
    const values = draftValuesOf(situation({ summary: 'Grace Bouchard met Mme Gagnon in May.' }));
    expect(values.notNames).toEqual([]);
    expect(toDraft(values).namesConfirmed).toBe(false);
    values.notNames = ['Grace Bouchard'];
    expect(toDraft(values).namesConfirmed).toBe(false);
    values.notNames = ['Grace Bouchard', 'Mme Gagnon'];
    expect(toDraft(values).namesConfirmed).toBe(true);
    // Nothing to confirm: no confirmation is sent.
    values.summary = 'Police attended in May.';
    expect(toDraft(values).namesConfirmed).toBe(false);
  });

  it('starts from the confirmation the API holds for exactly this summary', () => {
    const summary = 'Grace Bouchard met Mme Gagnon in May.';
    expect(draftValuesOf(situation({ summary, possibleNames: 'confirmed' })).notNames).toEqual([
      'Grace Bouchard',
      'Mme Gagnon',
    ]);
    expect(draftValuesOf(situation({ summary, possibleNames: 'unconfirmed' })).notNames).toEqual(
      [],
    );
  });
});

describe('the identity form', () => {
  const filled = (): IdentityValues => ({
    people: [
      {
        ...emptyPerson(),
        givenName: ' Zephyrine ',
        familyName: 'Quillfeather',
        dateOfBirth: '2009-03-27',
      },
      emptyPerson(),
    ],
    address: ' 12 Example Lane ',
    notes: '',
  });

  it('treats an untouched section as no identity', () => {
    expect(isIdentityBlank(emptyIdentity())).toBe(true);
    expect(hasIdentityErrors(identityErrorsOf(emptyIdentity(), TODAY))).toBe(false);
  });

  it('drops blank rows, trims, leaves out empty optional fields', () => {
    const identity = toIdentity(filled());
    expect(identity).toEqual({
      people: [{ givenName: 'Zephyrine', familyName: 'Quillfeather', dateOfBirth: '2009-03-27' }],
      address: '12 Example Lane',
    });
    expect(identitySchema.safeParse(identity).success).toBe(true);
  });

  it('needs both names of anyone started, and a real date of birth in the past', () => {
    const values = filled();
    const [first] = values.people;
    if (!first) throw new Error('no person');
    first.familyName = '';
    first.dateOfBirth = '2030-01-01';
    const errors = identityErrorsOf(values, TODAY);
    expect(errors.people[first.key]).toEqual({ familyName: 'required', dateOfBirth: 'future' });
    first.dateOfBirth = '2009-02-30';
    expect(identityErrorsOf(values, TODAY).people[first.key]?.dateOfBirth).toBe('invalid');
  });

  it('refuses an address without anyone named', () => {
    const values = { ...emptyIdentity(), address: '12 Example Lane' };
    const errors = identityErrorsOf(values, TODAY);
    expect(errors.person).toBe('required');
    expect(hasIdentityErrors(errors)).toBe(true);
  });

  it('gives each new person a distinct key', () => {
    expect(emptyPerson().key).not.toBe(emptyPerson().key);
  });
});
