/**
 * What changed in a situation between the version on screen and the one the API now holds, for
 * the message a stale write shows (412, or a step the new stage no longer allows): "the stage
 * moved from filter 2 to rejected", "a lead agency was named", "the draft was edited"… It compares
 * the de-identified views only: identity is never part of them, so it can never be named here
 * (only whether identifying information was added or destroyed, which the view says itself).
 */
import type { Stage } from '@fourfold/shared/situation-workflow';
import type { Situation } from '@fourfold/shared/situations';

export type SituationChange =
  | { kind: 'stage'; from: Stage; to: Stage }
  | { kind: 'leadAgency'; agency: string }
  | { kind: 'assistingAgencies' }
  | { kind: 'involvement'; agencies: string[] }
  | { kind: 'firstContact' }
  | { kind: 'draftEdited' }
  | { kind: 'identityAdded' }
  | { kind: 'identityDestroyed' }
  /** The version moved, and nothing above differs (an intervention note, the identity edited). */
  | { kind: 'other' };

/** The de-identified facts an author edits in a draft (the summary once it is destroyed aside). */
const draftFacts = [
  'situationType',
  'ageBand',
  'gender',
  'riskFactors',
  'protectiveFactors',
  'studyFlags',
  'filter1',
] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The changes from `before` to `after`, in the order a person would want to read them. */
export function situationChanges(before: Situation, after: Situation): SituationChange[] {
  if (after.version === before.version) return [];
  const changes: SituationChange[] = [];
  if (after.stage !== before.stage) {
    changes.push({ kind: 'stage', from: before.stage, to: after.stage });
  }
  if (after.leadAgency && after.leadAgency.id !== before.leadAgency?.id) {
    changes.push({ kind: 'leadAgency', agency: after.leadAgency.name });
  }
  const assisting = (s: Situation) => s.assistingAgencies.map((a) => a.id).sort();
  if (!same(assisting(before), assisting(after))) changes.push({ kind: 'assistingAgencies' });
  const answered = after.agenciesPresent
    .filter((agency) => {
      const earlier = before.agenciesPresent.find((a) => a.id === agency.id);
      return agency.involved !== null && agency.involved !== (earlier?.involved ?? null);
    })
    .map((agency) => agency.name);
  if (answered.length > 0) changes.push({ kind: 'involvement', agencies: answered });
  if (after.firstContact && !before.firstContact) changes.push({ kind: 'firstContact' });
  // A destroyed summary is the consequence of a rejection or the retention, not an edit.
  const summaryEdited = after.summary !== null && after.summary !== before.summary;
  if (summaryEdited || draftFacts.some((field) => !same(before[field], after[field]))) {
    changes.push({ kind: 'draftEdited' });
  }
  if (before.identityStatus !== 'held' && after.identityStatus === 'held') {
    changes.push({ kind: 'identityAdded' });
  }
  if (before.identityStatus !== 'destroyed' && after.identityStatus === 'destroyed') {
    changes.push({ kind: 'identityDestroyed' });
  }
  return changes.length > 0 ? changes : [{ kind: 'other' }];
}
