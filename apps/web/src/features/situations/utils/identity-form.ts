/**
 * The identity part of the situation form, as the person types it, and its conversion to the
 * contract's `Identity`. Kept as plain functions so the rules (what counts as "no identity yet",
 * what is missing) are tested without a browser.
 */
import type { Identity } from '@fourfold/shared/situations';

export type PersonValues = {
  key: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
};
export type IdentityValues = { people: PersonValues[]; address: string; notes: string };

export type IdentityErrors = {
  people: Record<
    string,
    { givenName?: 'required'; familyName?: 'required'; dateOfBirth?: 'invalid' | 'future' }
  >;
  /** An address or notes without anyone named. */
  person?: 'required';
};

let nextKey = 0;
/** A stable key for a new person row (React keys, labels' ids): never derived from the name. */
export function newPersonKey(): string {
  nextKey += 1;
  return `person-${nextKey}`;
}

export function emptyPerson(): PersonValues {
  return { key: newPersonKey(), givenName: '', familyName: '', dateOfBirth: '' };
}

export function emptyIdentity(): IdentityValues {
  return { people: [emptyPerson()], address: '', notes: '' };
}

export function identityValuesOf(identity: Identity): IdentityValues {
  return {
    people: identity.people.map((person) => ({
      key: newPersonKey(),
      givenName: person.givenName,
      familyName: person.familyName,
      dateOfBirth: person.dateOfBirth ?? '',
    })),
    address: identity.address ?? '',
    notes: identity.notes ?? '',
  };
}

const blankPerson = (person: PersonValues) =>
  !person.givenName.trim() && !person.familyName.trim() && !person.dateOfBirth.trim();

/** True when nothing at all was entered: the draft is then saved without identity. */
export function isIdentityBlank(values: IdentityValues): boolean {
  return values.people.every(blankPerson) && !values.address.trim() && !values.notes.trim();
}

/** A calendar date in ISO form (YYYY-MM-DD) that exists. */
function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** What is missing or wrong; an empty result means `toIdentity` may be called. */
export function identityErrorsOf(values: IdentityValues, today: string): IdentityErrors {
  const errors: IdentityErrors = { people: {} };
  const named = values.people.filter((person) => !blankPerson(person));
  for (const person of named) {
    const personErrors: IdentityErrors['people'][string] = {};
    if (!person.givenName.trim()) personErrors.givenName = 'required';
    if (!person.familyName.trim()) personErrors.familyName = 'required';
    const dateOfBirth = person.dateOfBirth.trim();
    if (dateOfBirth && !isIsoDate(dateOfBirth)) personErrors.dateOfBirth = 'invalid';
    else if (dateOfBirth && dateOfBirth > today) personErrors.dateOfBirth = 'future';
    if (Object.keys(personErrors).length > 0) errors.people[person.key] = personErrors;
  }
  if (named.length === 0 && !isIdentityBlank(values)) errors.person = 'required';
  return errors;
}

export function hasIdentityErrors(errors: IdentityErrors): boolean {
  return errors.person !== undefined || Object.keys(errors.people).length > 0;
}

/** The identity to send: blank rows dropped, text trimmed, empty optional fields left out. */
export function toIdentity(values: IdentityValues): Identity {
  const address = values.address.trim();
  const notes = values.notes.trim();
  return {
    people: values.people
      .filter((person) => !blankPerson(person))
      .map((person) => ({
        givenName: person.givenName.trim(),
        familyName: person.familyName.trim(),
        ...(person.dateOfBirth.trim() ? { dateOfBirth: person.dateOfBirth.trim() } : {}),
      })),
    ...(address ? { address } : {}),
    ...(notes ? { notes } : {}),
  };
}
