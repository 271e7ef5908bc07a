/**
 * Showing where personal data was found in a summary: the text cut into plain and marked pieces,
 * and the human positions of each finding. Works on the text as typed, which the detector
 * (`findPersonalData`) reports offsets in.
 */
import type { PersonalDataFinding } from '@fourfold/shared/personal-data';
import type { PersonalDataKind } from '@fourfold/shared/personal-data-kinds';

export type TextSegment = { text: string; kind: PersonalDataKind | null };

/**
 * `text` in order, as segments that are either plain (`kind: null`) or one finding each. Findings
 * that overlap an earlier one, or fall outside the text, are ignored rather than trusted.
 */
export function segmentsOf(
  text: string,
  findings: ReadonlyArray<Pick<PersonalDataFinding, 'kind' | 'start' | 'end'>>,
): TextSegment[] {
  const segments: TextSegment[] = [];
  let position = 0;
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  for (const finding of sorted) {
    const start = Math.max(finding.start, position);
    const end = Math.min(finding.end, text.length);
    if (end <= start) continue;
    if (start > position) segments.push({ text: text.slice(position, start), kind: null });
    segments.push({ text: text.slice(start, end), kind: finding.kind });
    position = end;
  }
  if (position < text.length) {
    segments.push({ text: text.slice(position), kind: null });
  }
  return segments;
}

/** The 1-based, inclusive character positions of a finding, as people count them. */
export function charactersOf(finding: Pick<PersonalDataFinding, 'start' | 'end'>): {
  from: number;
  to: number;
} {
  return { from: finding.start + 1, to: Math.max(finding.start + 1, finding.end) };
}

/** The findings of several checks, ordered, overlaps dropped (the earlier, longer one wins). */
export function mergeFindings<F extends Pick<PersonalDataFinding, 'start' | 'end'>>(
  ...lists: ReadonlyArray<readonly F[]>
): F[] {
  const all = lists.flat().sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: F[] = [];
  for (const finding of all) {
    const last = merged.at(-1);
    if (last && finding.start < last.end) continue;
    merged.push(finding);
  }
  return merged;
}
