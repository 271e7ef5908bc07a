/**
 * Finds personal data in text that must stay de-identified (a situation's filter-2 summary): the
 * API refuses such text, and the web shows the same findings while the person types. Each finding
 * says what kind of value was found and where (UTF-16 offsets in the text as it was given, so the
 * web can mark exactly what the person typed) — never the value itself, so a finding can travel
 * in an error body or a log without repeating it.
 *
 * It looks at what a reader would see: the text is first normalised (NFKC, accents and invisible
 * characters dropped, Unicode confusables (UTS #39, `confusables.ts`) folded to the ASCII letter,
 * digit or sign they imitate, other scripts' digits read as digits), so "６１３", "jane＠agency．ca", "jаne@…" with a Cyrillic "а"
 * and "6 1 3 5 5 5 0 1 9 9" are caught as their plain forms are.
 *
 * Two strengths of finding:
 * - **hard** kinds (e-mail, phone, health card, SIN, postal code, full date, street address, a
 *   name of the situation's own identity): the summary is refused while one remains;
 * - **soft** `possible_name`: a word that looks like a person's name (an honorific such as "Mrs."
 *   or "Mme" followed by a capitalised word, or a capitalised word from the English and French
 *   name lists of `name-lexicon.ts`). The author may confirm it is not a name; presenting is
 *   refused until they have (`possibleNameStatus`).
 *
 * It is a safety net, not a guarantee.
 */
import { confusableToAscii } from './confusables';
import { nameLexicon } from './name-lexicon';
import type { PersonalDataKind, PossibleNameStatus } from './personal-data-kinds';

/** Kinds the author may confirm are not personal data; every other kind refuses the text. */
export const softPersonalDataKinds: readonly PersonalDataKind[] = ['possible_name'];

export type PersonalDataFinding = { kind: PersonalDataKind; start: number; end: number };

export const isSoftFinding = (finding: Pick<PersonalDataFinding, 'kind'>) =>
  softPersonalDataKinds.includes(finding.kind);

// ---------------------------------------------------------------------------------------------
// Normalisation: what a reader sees, with a map back to the original offsets
// ---------------------------------------------------------------------------------------------

/** Characters a reader does not see: zero-width, soft hyphen, bidirectional controls. */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;

const DECIMAL_DIGIT = /^\p{Nd}$/u;

/**
 * The ASCII digit of a decimal digit of any script. Unicode encodes every script's digits as 0–9
 * in a row, and some rows touch (Myanmar Extended-C: two scripts' digits, U+116D0–U+116E3), so
 * the digits before it are counted to the start of the whole run, then taken modulo 10.
 */
function asciiDigit(char: string): string {
  const code = char.codePointAt(0)!;
  let steps = 0;
  while (DECIMAL_DIGIT.test(String.fromCodePoint(code - steps - 1))) steps++;
  return String(steps % 10);
}

/** What one code point reads as: zero, one or several ASCII-or-letter characters. */
function readAs(codePoint: string): string {
  // ASCII reads as itself (NFKC and NFD leave it as it is, and it holds no mark or invisible
  // character): most text is, and it is read without normalising anything.
  if (codePoint.length === 1 && codePoint.charCodeAt(0) <= 0x7f) return codePoint;
  if (INVISIBLE.test(codePoint)) return '';
  let out = '';
  for (const char of codePoint.normalize('NFKC')) {
    if (/^\p{M}$/u.test(char)) continue;
    const bare = char.normalize('NFD').replace(/\p{M}/gu, '');
    if (bare.length === 0) continue;
    if (bare.codePointAt(0)! <= 0x7f) out += bare;
    else if (DECIMAL_DIGIT.test(bare)) out += asciiDigit(bare);
    else if (/^\p{Pd}$/u.test(bare)) out += '-';
    else if (/^\p{Zs}$/u.test(bare)) out += ' ';
    else out += confusableToAscii.get(bare) ?? bare;
  }
  return out;
}

type Normalised = {
  text: string;
  /** For each UTF-16 unit of `text`: where its source starts and ends in the original. */
  from: number[];
  to: number[];
};

function normalise(original: string): Normalised {
  let text = '';
  const from: number[] = [];
  const to: number[] = [];
  let offset = 0;
  for (const codePoint of original) {
    const end = offset + codePoint.length;
    const read = readAs(codePoint);
    if (read.length === 0) {
      // A dropped mark or invisible character belongs to what precedes it.
      if (to.length > 0) to[to.length - 1] = end;
    } else {
      for (let unit = 0; unit < read.length; unit++) {
        from.push(offset);
        to.push(end);
      }
      text += read;
    }
    offset = end;
  }
  return { text, from, to };
}

/** A span of the normalised text as offsets in the original. */
function toOriginal(n: Normalised, start: number, end: number) {
  return { start: n.from[start]!, end: n.to[end - 1]! };
}

// ---------------------------------------------------------------------------------------------
// Hard kinds: identifiers, dates, addresses
// ---------------------------------------------------------------------------------------------

const MONTHS_EN =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const MONTHS_FR =
  'janv(?:ier)?|fevr?(?:ier)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|aout|sept(?:embre)?|oct(?:obre)?|nov(?:embre)?|dec(?:embre)?';
const MONTH = `(?:${MONTHS_EN}|${MONTHS_FR})\\.?`;
const DAY = '(?:0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th|er)?';
const YEAR = '(?:19|20)\\d{2}';

const STREET_TYPES_EN =
  'street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|court|ct|crescent|cres|way|place|pl|terrace|terr|trail|trl|parkway|pkwy|highway|hwy|circle|cir|square|sq|line|concession|sideroad';
// Accents are gone after normalisation.
const STREET_TYPES_FR =
  'rue|chemin|ch|avenue|av|boulevard|boul|bd|place|route|rang|promenade|allee|impasse|montee|cote|croissant|ruelle';
const DIRECTION = '(?:\\s+(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West|Nord|Sud|Est|Ouest|O))';
const UNIT =
  '(?:,?\\s*(?:unit|apt|apartment|suite|app|appartement|logement|bureau|#)\\.?\\s*#?\\d{1,5}[A-Za-z]?)';

/** Letters and digits in any script, for word boundaries that work beyond ASCII. */
const B_BEFORE = '(?<![\\p{L}\\p{N}])';
const B_AFTER = '(?![\\p{L}\\p{N}])';

const patterns: ReadonlyArray<{ kind: PersonalDataKind; regex: RegExp }> = [
  // The part before the @ is at most 64 characters (RFC 5321): unbounded, each position of a long
  // run of letters without an @ was tried to the end of the run, so the time grew with the square
  // of the run (2,000 CJK letters, the longest summary: about 95 ms; 4,000: half a second). An
  // address with a longer one is still found, from its last 64 characters.
  { kind: 'email', regex: /[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/giu },
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
  // A civic number and its street, whole: "44 King St W", "1200 Bay Street, Unit 5",
  // "12 rue Saint-Jean", "15, boulevard René-Lévesque Ouest, app. 4".
  {
    kind: 'street_address',
    regex: new RegExp(
      [
        `${B_BEFORE}\\d{1,6}[A-Za-z]?\\s+(?:[\\p{L}'.-]+\\s+){1,4}(?:${STREET_TYPES_EN})\\.?${DIRECTION}?${UNIT}?${B_AFTER}`,
        `${B_BEFORE}\\d{1,6}[A-Za-z]?,?\\s+(?:${STREET_TYPES_FR})\\.?\\s+(?:de\\s+la\\s+|du\\s+|des\\s+|de\\s+|d')?[\\p{L}'-]+${DIRECTION}?${UNIT}?${B_AFTER}`,
      ].join('|'),
      'giu',
    ),
  },
];

/**
 * Numbers spelled out with spaces, dots or dashes between any digits ("4 1 6 5 5 5 1 2 3 4",
 * "046.454.286"): nine digits read as a SIN, ten (or eleven from a 1) as a phone number. The
 * run must stand alone, so that a longer list of numbers is not cut into one.
 */
const SEPARATOR = '[\\s._·•*-]';
const SPACED_DIGITS = new RegExp(
  `(?<![\\p{L}\\p{N}])(?<!\\d${SEPARATOR}{1,3})\\d(?:${SEPARATOR}{0,3}\\d){8,10}(?![\\p{L}\\p{N}])(?!${SEPARATOR}{1,3}\\d)`,
  'gu',
);

function spacedDigitKind(run: string): PersonalDataKind | null {
  const digits = run.replace(/\D/g, '');
  if (digits.length === 9) return 'sin';
  if (digits.length === 10 || (digits.length === 11 && digits.startsWith('1'))) return 'phone';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

const ASCII_ONLY = /^\p{ASCII}*$/u;

/** Case- and accent-insensitive form of text that keeps every character at its offset. */
function fold(text: string): string {
  // ASCII has no accents to drop, and lower case keeps every character at its offset.
  if (ASCII_ONLY.test(text)) return text.toLowerCase();
  return [...text]
    .map((char) => {
      if (char.charCodeAt(0) <= 0x7f) return char.toLowerCase();
      const lower = char.toLowerCase();
      const base = lower.normalize('NFD').replace(/\p{M}/gu, '');
      return base.length === char.length ? base : lower.length === char.length ? lower : char;
    })
    .join('');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Names in the lists that are also everyday English or French words (months, virtues, colours,
 * trades, places…), picked by hand from the lists' overlap with the frequency lists of
 * @zxcvbn-ts. Compared as typed (lower case) and folded, so that "Marié" is a word and "Marie" a
 * name. Such a word is a possible name only beside a name that is not one ("Grace
 * Tremblay") or after an honorific, never alone or among its kind: "in May", "Hope House", "Will
 * attend". So "Grace Brown" is missed: the honorific rule and the author's eye remain.
 */
const COMMON_WORDS: ReadonlySet<string> = new Set(
  `abondance alley amant america amour ange angel april arcade arch art ascension assomption aube
august autumn avis baby bain ball barbe barre battle beach beau beer bell belle best bill bird
bishop black blanc blanche block blue bon bond boston brain brand bravo bright brook brown brun
bunch burden burns bush call camp candy carre case cash castle champagne champion chance charity
chase chevalier christ christian church clay cloud come conception constant cook cooper cote
couch court cousin crane cross crystal daisy dale dare darling dawn day deal dean delta desire
destin destinee destiny diamond dick don douce drew driver duke early easter else england english
era fair faith fern ferry fidele field fields fish fleur florida flowers fontaine ford forest
fortune fox france french friend gagne gay general german glass glen gold golden good grace grant
graves gray green grey gross guy hall hand harmony haven hazel head heard heaven heck high hill
hills holly honor honour hook hope horn house hunt hunter hurt innocent iris ivory ivy jade job
jolie joy judge june junior juste justice key keys king kitchen lake lance land lane law laws lay
le liberty light lily line link little loan london long lord loup love loyal lyon lyric mai main
major marchand marine mark marks marquis mars martial mason masters may means mercy metz minor
miracle misty modeste moon moulin nail name nine noble nobles noel north nova numbers olive oral
pack page paris parish park parfait pat patience pearl penny person petit pie pink pool porter
post powers precious price priest prince princess prudence queen quick ray read reine renard rice
rich ring river riviere robin roche rock rose royal ruby rush sage said sample sandy sauveur self
sharp shell short silver sincere singer sister sky small smart snow spain stone story strange
street strong sue summer sunny sweet tea temple toy trace trinity unique unity urban van verity
victoire villa violet vital walker wall walls ward west white will wing winter wise wolf wood
woods york young weeks miles roman aria colt santa durant aime ira amie clair jeter lois
alberta kenya israel salvador mercedes sierra houston cleveland sydney washington madrid missouri
lourdes rochelle hong della
déjà deja marié aimée monté perdue âgée agée gêne gène libéré chrétien allié marqués`.split(/\s+/),
);

/** Honorifics in English and French; "M." needs its full stop (a lone "M" is too common). */
const HONORIFIC =
  '(?:Mr|Mrs|Ms|Mx|Miss|Mister|Dr|Dre|Prof|Mme|Mmes|Mlle|Mlles|Madame|Mademoiselle|Monsieur|Docteur|Docteure|M(?=\\.))\\.?';
const CAPITALISED = "\\p{Lu}[\\p{L}'-]*";
const HONORIFIC_NAME = new RegExp(`(?<![\\p{L}\\p{N}])${HONORIFIC}\\s+${CAPITALISED}`, 'gu');

const WORD = /\p{L}+(?:['-]\p{L}+)*/gu;

const inLexicon = (folded: string) =>
  nameLexicon.has(folded) || folded.split(/['-]/).every((part) => nameLexicon.has(part));

const isCapitalised = (word: string) => /^\p{Lu}\p{Ll}/u.test(word);

type Span = { start: number; end: number };

/**
 * Words that look like a person's name, in the normalised text: an honorific and the capitalised
 * word after it; runs of capitalised words from the name lists, unless every word of the run is
 * also an everyday word.
 */
function possibleNames(n: Normalised, original: string): Span[] {
  const text = n.text;
  const spans: Span[] = [];
  for (const match of text.matchAll(HONORIFIC_NAME)) {
    spans.push({ start: match.index, end: match.index + match[0].length });
  }
  const words = [...text.matchAll(WORD)].map((match) => {
    const word = match[0];
    const folded = fold(word);
    return {
      start: match.index,
      end: match.index + word.length,
      name: isCapitalised(word) && inLexicon(folded),
      common:
        COMMON_WORDS.has(folded) ||
        COMMON_WORDS.has(
          original
            .slice(n.from[match.index], n.to[match.index + word.length - 1])
            .normalize('NFC')
            .toLowerCase(),
        ),
    };
  });
  // Group adjacent name words (separated by blanks only) into runs.
  let run: typeof words = [];
  const flush = () => {
    if (run.some((word) => !word.common)) {
      spans.push({ start: run[0]!.start, end: run.at(-1)!.end });
    }
    run = [];
  };
  for (const word of words) {
    const previous = run.at(-1);
    if (!word.name) {
      flush();
      continue;
    }
    if (previous && !/^[ \t]+$/.test(text.slice(previous.end, word.start))) flush();
    run.push(word);
  }
  flush();
  return spans;
}

// ---------------------------------------------------------------------------------------------
// The detector
// ---------------------------------------------------------------------------------------------

/**
 * The personal data found in `text`, ordered by position, with offsets in `text` as given;
 * overlapping findings are merged into the earlier, longer one (a hard kind wins over a possible
 * name at the same place). `names` are the given and family names stored in the situation's own
 * identity: any of them in the text is a (hard) `name` finding.
 */
export function findPersonalData(
  text: string,
  names: readonly string[] = [],
): PersonalDataFinding[] {
  const n = normalise(text);
  const found: Array<PersonalDataFinding & { soft: boolean }> = [];
  const add = (kind: PersonalDataKind, start: number, end: number) =>
    found.push({ kind, ...toOriginal(n, start, end), soft: softPersonalDataKinds.includes(kind) });

  for (const { kind, regex } of patterns) {
    for (const match of n.text.matchAll(regex))
      add(kind, match.index, match.index + match[0].length);
  }
  for (const match of n.text.matchAll(SPACED_DIGITS)) {
    const kind = spacedDigitKind(match[0]);
    if (kind) add(kind, match.index, match.index + match[0].length);
  }
  const folded = fold(n.text);
  const wanted = [...new Set(names.map((name) => fold(normalise(name.trim()).text)))].filter(
    (name) => [...name].length >= 2,
  );
  for (const name of wanted) {
    const regex = new RegExp(`${B_BEFORE}${escapeRegExp(name)}${B_AFTER}`, 'gu');
    for (const match of folded.matchAll(regex)) {
      add('name', match.index, match.index + match[0].length);
    }
  }
  for (const span of possibleNames(n, text)) add('possible_name', span.start, span.end);

  // Hard findings first, each overlap going to the earlier, longer one; then the possible names
  // that overlap none of them.
  const kept = withoutOverlaps(found.filter((f) => !f.soft));
  const soft = withoutOverlaps(
    found.filter((f) => f.soft && !kept.some((k) => f.start < k.end && k.start < f.end)),
  );
  return [...kept, ...soft]
    .sort((a, b) => a.start - b.start)
    .map(({ kind, start, end }) => ({ kind, start, end }));
}

function withoutOverlaps<F extends PersonalDataFinding>(findings: F[]): F[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: F[] = [];
  for (const finding of sorted) {
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

// Kept beside the detector for its callers; defined with the kinds, which carry no lexicon.
export { possibleNameStatuses, type PossibleNameStatus } from './personal-data-kinds';

/** A summary's possible-name status, from its findings and whether the author confirmed them. */
export function possibleNameStatus(
  findings: ReadonlyArray<Pick<PersonalDataFinding, 'kind'>>,
  confirmedForThisText: boolean,
): PossibleNameStatus {
  if (!findings.some(isSoftFinding)) return 'none';
  return confirmedForThisText ? 'confirmed' : 'unconfirmed';
}
