/**
 * Finds personal data in text that must stay de-identified (a situation's filter-2 summary): the
 * API refuses such text, and the web shows the same findings while the person types. Each finding
 * says what kind of value was found and where (offsets in the NFC-normalised text) — never the
 * value itself, so a finding can travel in an error body or a log without repeating it.
 *
 * It is a safety net, not a guarantee: it catches the common shapes of Canadian identifiers and
 * the names the originating agency entered for this situation.
 */

export const personalDataKinds = [
  'email',
  'phone',
  'postal_code',
  'date',
  'health_card',
  'sin',
  'street_address',
  'name',
] as const;
export type PersonalDataKind = (typeof personalDataKinds)[number];

export type PersonalDataFinding = { kind: PersonalDataKind; start: number; end: number };

const MONTHS_EN =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const MONTHS_FR =
  'janv(?:ier)?|f[ée]vr?(?:ier)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[ûu]t|sept(?:embre)?|oct(?:obre)?|nov(?:embre)?|d[ée]c(?:embre)?';
const MONTH = `(?:${MONTHS_EN}|${MONTHS_FR})\\.?`;
const DAY = '(?:0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th|er)?';
const YEAR = '(?:19|20)\\d{2}';

const STREET_TYPES_EN =
  'street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|court|ct|crescent|cres|way|place|pl|terrace|terr|trail|trl|parkway|pkwy|highway|hwy|circle|cir|square|sq|line|concession|sideroad';
const STREET_TYPES_FR =
  'rue|chemin|ch|avenue|av|boulevard|boul|bd|place|route|rang|promenade|allée|allee|impasse|montée|montee|côte|cote|croissant|ruelle';

/** Letters and digits in any script, for word boundaries that work beyond ASCII. */
const B_BEFORE = '(?<![\\p{L}\\p{N}])';
const B_AFTER = '(?![\\p{L}\\p{N}])';

const patterns: ReadonlyArray<{ kind: PersonalDataKind; regex: RegExp }> = [
  { kind: 'email', regex: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/giu },
  // Ontario health card: 4-3-3 digits, optionally a two-letter version code.
  {
    kind: 'health_card',
    regex: new RegExp(
      `${B_BEFORE}\\d{4}[\\s-]?\\d{3}[\\s-]?\\d{3}(?:[\\s-]?[A-Z]{2})?${B_AFTER}`,
      'gu',
    ),
  },
  // North American phone numbers: (613) 555-0199, 613.555.0199, +1 613 555 0199, 6135550199.
  {
    kind: 'phone',
    regex: new RegExp(
      `(?:\\+?1[\\s.-]?)?(?:\\(\\d{3}\\)|${B_BEFORE}\\d{3})[\\s.-]?\\d{3}[\\s.-]?\\d{4}${B_AFTER}`,
      'gu',
    ),
  },
  // Social insurance numbers: nine digits, grouped 3-3-3 or not.
  { kind: 'sin', regex: new RegExp(`${B_BEFORE}\\d{3}[\\s-]?\\d{3}[\\s-]?\\d{3}${B_AFTER}`, 'gu') },
  // Canadian postal codes: A1A 1A1 (the letters Canada Post uses).
  {
    kind: 'postal_code',
    regex: new RegExp(
      `${B_BEFORE}[ABCEGHJ-NPRSTVXY]\\d[ABCEGHJ-NPRSTV-Z][\\s-]?\\d[ABCEGHJ-NPRSTV-Z]\\d${B_AFTER}`,
      'giu',
    ),
  },
  // Full dates (day, month and year). A month and year alone is allowed, as in statistics.
  {
    kind: 'date',
    regex: new RegExp(
      [
        `${B_BEFORE}${YEAR}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\\d|3[01])${B_AFTER}`,
        `${B_BEFORE}(?:0?[1-9]|[12]\\d|3[01])[-/.](?:0?[1-9]|1[0-2])[-/.]${YEAR}${B_AFTER}`,
        `${B_BEFORE}(?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\\d|3[01])[-/.]${YEAR}${B_AFTER}`,
        `${B_BEFORE}${MONTH}\\s+${DAY},?\\s+${YEAR}${B_AFTER}`,
        `${B_BEFORE}${DAY}\\s+${MONTH},?\\s+${YEAR}${B_AFTER}`,
      ].join('|'),
      'giu',
    ),
  },
  // A civic number followed by a street: "42 Elm Street", "1200 Bank St", "15, rue Principale".
  {
    kind: 'street_address',
    regex: new RegExp(
      [
        `${B_BEFORE}\\d{1,6}[A-Za-z]?\\s+(?:[\\p{L}'’.-]+\\s+){1,4}(?:${STREET_TYPES_EN})\\.?${B_AFTER}`,
        `${B_BEFORE}\\d{1,6}[A-Za-z]?,?\\s+(?:${STREET_TYPES_FR})\\.?\\s+(?:de\\s+la\\s+|du\\s+|des\\s+|de\\s+|d['’])?[\\p{L}'’-]+`,
      ].join('|'),
      'giu',
    ),
  },
];

/** Case- and accent-insensitive form of text that keeps every character at its offset. */
function fold(text: string): string {
  return [...text]
    .map((char) => {
      const base = char.normalize('NFD').replace(/\p{M}/gu, '');
      return base.length === char.length ? base : char;
    })
    .join('')
    .toLowerCase();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The personal data found in `text`, ordered by position; overlapping findings are merged into
 * the earlier, longer one. `names` are the given and family names stored in the situation's own
 * identity: any of them in the summary is a finding too.
 */
export function findPersonalData(
  text: string,
  names: readonly string[] = [],
): PersonalDataFinding[] {
  const normalised = text.normalize('NFC');
  const found: PersonalDataFinding[] = [];
  for (const { kind, regex } of patterns) {
    for (const match of normalised.matchAll(regex)) {
      found.push({ kind, start: match.index, end: match.index + match[0].length });
    }
  }
  const folded = fold(normalised);
  const wanted = [...new Set(names.map((name) => fold(name.normalize('NFC').trim())))].filter(
    (name) => [...name].length >= 2,
  );
  for (const name of wanted) {
    const regex = new RegExp(`${B_BEFORE}${escapeRegExp(name)}${B_AFTER}`, 'gu');
    for (const match of folded.matchAll(regex)) {
      found.push({ kind: 'name', start: match.index, end: match.index + match[0].length });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: PersonalDataFinding[] = [];
  for (const finding of found) {
    const last = merged.at(-1);
    if (last && finding.start < last.end) continue;
    merged.push(finding);
  }
  return merged;
}

/** The individual name parts of an identity, as `findPersonalData` wants them. */
export function namePartsOf(people: ReadonlyArray<{ givenName: string; familyName: string }>) {
  return people.flatMap((person) =>
    [person.givenName, person.familyName].flatMap((part) => part.split(/[\s-]+/)),
  );
}
