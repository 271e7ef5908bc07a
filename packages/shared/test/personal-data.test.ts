import { describe, expect, it } from 'vitest';
import { findPersonalData, namePartsOf, possibleNameStatus } from '../src/personal-data';
import type { PersonalDataKind } from '../src/personal-data-kinds';

const kinds = (text: string, names: string[] = []) =>
  findPersonalData(text, names).map((finding) => finding.kind);

describe('findPersonalData', () => {
  it.each<[string, PersonalDataKind]>([
    ['Contact the worker at jane.doe@agency.on.ca for details.', 'email'],
    ['Call (613) 555-0199 after six.', 'phone'],
    ['Cell is 613.555.0199.', 'phone'],
    ['Reached at +1 613 555 0199 last week.', 'phone'],
    ['Health card 1234-567-890-AB on file.', 'health_card'],
    ['OHIP 1234 567 890.', 'health_card'],
    ['SIN 046 454 286 was given.', 'sin'],
    ['Lives near K1A 0B1 downtown.', 'postal_code'],
    ['Postal code k2p1l4.', 'postal_code'],
    ['Born 2009-04-17 according to the school.', 'date'],
    ['Incident on 17/04/2023 at night.', 'date'],
    ['Seen on March 3, 2024 by police.', 'date'],
    ['Vu le 3 mars 2024 par la police.', 'date'],
    ['Staying at 42 Elm Street with a cousin.', 'street_address'],
    ['Moved to 1200 Bank St.', 'street_address'],
    ['Habite au 15, rue Principale depuis mai.', 'street_address'],
  ])('finds %s', (text, kind) => {
    expect(kinds(text)).toEqual([kind]);
  });

  // A phone number typed without separators: ten digits read as a health card number (the same
  // shape), eleven with the country code as a phone. Either way the text cannot be presented.
  it.each<[string, PersonalDataKind]>([
    ['Call her at 6135550199 tonight.', 'health_card'],
    ['Her cell: 16135550199.', 'phone'],
    ['Reach +16135550199 after school.', 'phone'],
  ])('finds a phone number without separators: %s', (text, kind) => {
    expect(kinds(text)).toEqual([kind]);
  });

  // The part of an address before the @ is read back at most 64 characters (RFC 5321's limit),
  // which keeps long runs of letters from costing the square of their length.
  it('finds an address whose part before the @ is longer than an address allows', () => {
    const local = 'x'.repeat(100);
    const text = `Wrote from ${local}@agency.on.ca last week.`;
    const [finding, ...others] = findPersonalData(text);
    expect(others).toEqual([]);
    expect(finding?.kind).toBe('email');
    expect(text.slice(finding!.start, finding!.end)).toBe(`${'x'.repeat(64)}@agency.on.ca`);
    expect(findPersonalData(`${'word'.repeat(500)} ${'lettres'.repeat(280)}`)).toEqual([]);
  });

  it.each([
    'Youth, 16–17, frequent police contact since spring 2024.',
    'Family of four; mother reports 3 incidents in the past 2 months.',
    'Missed school for 20 days in October 2024.',
    'Risk increased after eviction notice in March 2025.',
    'Two agencies already involved; 48-hour follow-up needed.',
    'Adulte de 40 à 59 ans, isolement social depuis mars 2025.',
  ])('leaves de-identified text alone: %s', (text) => {
    expect(findPersonalData(text)).toEqual([]);
  });

  it('finds the situation’s own names regardless of case and accents, as whole words', () => {
    const names = namePartsOf([{ givenName: 'Zoé', familyName: 'Lévesque-Martin' }]);
    expect(kinds('zoe was seen with LEVESQUE family', names)).toEqual(['name', 'name']);
    // Not the situation's names (those are refused); names all the same, for the author to judge.
    expect(kinds('Martinez met Martineau', names)).not.toContain('name');
    expect(kinds('Ms. Martin declined services', names)).toEqual(['name']);
  });

  it('reports where each finding is, never what it is', () => {
    const text = 'Email a@b.ca or call 613-555-0199.';
    const findings = findPersonalData(text);
    expect(findings).toEqual([
      { kind: 'email', start: 6, end: 12 },
      { kind: 'phone', start: 21, end: 33 },
    ]);
    expect(text.slice(findings[1]!.start, findings[1]!.end)).toBe('613-555-0199');
  });

  // A two-letter part is a name like any other; a part as stored may carry stray spaces; a part
  // with a full stop ("J.P.") is matched as written, not as a pattern.
  it('finds two-letter names, names with stray spaces and names with full stops', () => {
    const names = namePartsOf([{ givenName: 'Li', familyName: 'Wu' }]);
    expect(kinds('Wu was seen with li at school', names)).toEqual(['name', 'name']);
    expect(kinds('Zoé called twice', [' Zoé '])).toEqual(['name']);
    expect(kinds('J.P. came by', ['J.P.'])).toEqual(['name']);
    expect(kinds('JxPx came by', ['J.P.'])).toEqual([]);
  });

  // Spaced digits: nine are a SIN, ten a phone number, eleven a phone number only from a 1
  // (the country code); a longer number is a reference, not one of them cut out.
  it.each<[string, PersonalDataKind[]]>([
    ['Reach 1 4 1 6 5 5 5 1 2 3 4 now.', ['phone']],
    ['File 2 6 1 3 5 5 5 0 1 9 9 was closed.', []],
    ['Case reference 412345678901 on file.', []],
  ])('reads a run of digits by its length: %s', (text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it('finds an e-mail address whose domain has digits', () => {
    const text = 'Write to youth@shelter4u.org today.';
    const [finding] = findPersonalData(text);
    expect(finding?.kind).toBe('email');
    expect(text.slice(finding!.start, finding!.end)).toBe('youth@shelter4u.org');
  });

  // A possible name is reported beside a hard finding that does not cover it, before or after it,
  // even touching it; the findings come in the order of the text.
  it.each<[string, [PersonalDataKind, string][]]>([
    [
      'Mrs. Tremblay called 613-555-0199.',
      [
        ['possible_name', 'Mrs. Tremblay'],
        ['phone', '613-555-0199'],
      ],
    ],
    [
      'Call 613-555-0199 about Mrs. Tremblay.',
      [
        ['phone', '613-555-0199'],
        ['possible_name', 'Mrs. Tremblay'],
      ],
    ],
    [
      'Ask for Kevin(613) 555-0199 today.',
      [
        ['possible_name', 'Kevin'],
        ['phone', '(613) 555-0199'],
      ],
    ],
  ])('keeps a possible name beside a hard finding: %s', (text, expected) => {
    const findings = findPersonalData(text);
    expect(findings.map((f) => [f.kind, text.slice(f.start, f.end)])).toEqual(expected);
  });

  // Names next to each other make one finding only when blanks alone separate them.
  it.each<[string, string[]]>([
    ['Jessica, Kevin and Marie came.', ['Jessica', 'Kevin', 'Marie']],
    ['Jessica - Kevin came.', ['Jessica', 'Kevin']],
    ['Jessica  Tremblay came.', ['Jessica  Tremblay']],
    ['Jessica\u1680Tremblay came (an Ogham space).', ['Jessica\u1680Tremblay']],
    ['Referred by Kevin', ['Kevin']],
    ['Jean-Pierre called.', ['Jean-Pierre']],
    ['Jessica-Lynn called.', ['Jessica-Lynn']],
  ])('groups possible names: %s', (text, expected) => {
    const findings = findPersonalData(text);
    expect(findings.every((f) => f.kind === 'possible_name')).toBe(true);
    expect(findings.map((f) => text.slice(f.start, f.end))).toEqual(expected);
  });

  it('ignores one-letter names and merges overlapping findings', () => {
    expect(kinds('J was here', ['J'])).toEqual([]);
    expect(findPersonalData('a@b.ca', ['a'])).toHaveLength(1);
  });
});

// What a reader would read: each evasion is caught as its plain form is, and the finding covers
// exactly what was typed (the web marks these offsets in the text as typed).
// prettier-ignore
const evasions: Array<[string, PersonalDataKind, string]> = [
  ['Call ６１３-５５５-０１９９ tonight.',                   'phone',          '６１３-５５５-０１９９'],
  ['Cell ４１６．５５５．１２３４ only.',                     'phone',          '４１６．５５５．１２３４'],
  ['Reach 4 1 6 5 5 5 1 2 3 4 after school.',             'phone',          '4 1 6 5 5 5 1 2 3 4'],
  ['Reach 416 - 555 - 12 34 after school.',               'phone',          '416 - 555 - 12 34'],
  ['Phone 4\u200b16-555-1234 (zero-width space).',        'phone',          '4\u200b16-555-1234'],
  ['Phone ٤١٦٥٥٥١٢٣٤ in Arabic-Indic digits.',            'health_card',    '٤١٦٥٥٥١٢٣٤'],
  ['SIN 0 4 6 4 5 4 2 8 6 given.',                        'sin',            '0 4 6 4 5 4 2 8 6'],
  ['SIN ０４６ ４５４ ２８６ given.',                         'sin',            '０４６ ４５４ ２８６'],
  ['Write to jane.doe＠agency．on．ca today.',               'email',          'jane.doe＠agency．on．ca'],
  ['Write to jаne.dое@agency.ca (Cyrillic а and о).',     'email',          'jаne.dое@agency.ca'],
  ['Write to ｊａｎｅ＠ａｇｅｎｃｙ．ｃａ now.',                   'email',          'ｊａｎｅ＠ａｇｅｎｃｙ．ｃａ'],
  ['Near Ｋ１Ａ ０Ｂ１ downtown.',                            'postal_code',    'Ｋ１Ａ ０Ｂ１'],
  ['Born ２００９-０４-１７ per the school.',                  'date',           '２００９-０４-１７'],
  ['Staying at 44 King St W with an aunt.',               'street_address', '44 King St W'],
  ['Staying at 1200 Bay Street, Unit 5 for now.',         'street_address', '1200 Bay Street, Unit 5'],
  ['Habite au 12 rue Saint-Jean depuis mai.',             'street_address', '12 rue Saint-Jean'],
  ['Habite au 15, boulevard René-Lévesque Ouest, app. 4 seul.', 'street_address', '15, boulevard René-Lévesque Ouest, app. 4'],
  ['Staying at ４４ King St W with an aunt.',               'street_address', '４４ King St W'],
  ['Mrs. Tremblay called the school.',                    'possible_name',  'Mrs. Tremblay'],
  ['Referred by Dr Singh last week.',                     'possible_name',  'Dr Singh'],
  ['Mme Gagnon a appelé la police.',                      'possible_name',  'Mme Gagnon'],
  ['Selon M. Côté, le logement est insalubre.',           'possible_name',  'M. Côté'],
  ['Mlle Ouellet refuse les services.',                   'possible_name',  'Mlle Ouellet'],
  ['Mx. Rivers declined services.',                       'possible_name',  'Mx. Rivers'],
  ['Mr. Nguyen was not home.',                            'possible_name',  'Mr. Nguyen'],
  ['The father, Kevin, was not home.',                    'possible_name',  'Kevin'],
  ['Police spoke with Jessica Tremblay twice.',           'possible_name',  'Jessica Tremblay'],
  ['Grace Bouchard missed school.',                       'possible_name',  'Grace Bouchard'],
  ['La mère, Hélène, refuse de collaborer.',              'possible_name',  'Hélène'],
  ['Marie refuse les services.',                          'possible_name',  'Marie'],
  ['Seen with Mаrtin (Cyrillic а) at the park.',           'possible_name',  'Mаrtin'],
  ['Seen with Ｍａｒｔｉｎ at the park.',                      'possible_name',  'Ｍａｒｔｉｎ'],
  ['Lives with Tre\u0301mblay family.',                   'possible_name',  'Tre\u0301mblay'],
  ['Seen with Rene\u0301 today (accent typed last).',     'possible_name',  'Rene\u0301'],
  ['Born ٢٠٠٩-٠٤-١٧ in Arabic-Indic digits.',             'date',           '٢٠٠٩-٠٤-١٧'],
  ['Call 613—555—0199 (em dashes).',                      'phone',          '613—555—0199'],
];

describe('the guard sees what a reader would see', () => {
  it.each(evasions)('%s → %s', (text, kind, covered) => {
    const findings = findPersonalData(text);
    expect(findings.map((f) => f.kind)).toEqual([kind]);
    const [finding] = findings;
    expect(text.slice(finding!.start, finding!.end)).toBe(covered);
  });

  // Some scripts' rows of digits touch: the second row's 0 must not read as the first row's 9.
  it('reads the digits of scripts whose rows of digits touch', () => {
    const digits = (zero: number, text: string) =>
      text.replace(/\d/g, (digit) => String.fromCodePoint(zero + Number(digit)));
    for (const zero of [0x116d0, 0x116da]) {
      const text = digits(zero, 'Born 2009-04-17, call 613-555-0199.');
      expect(kinds(text), zero.toString(16)).toEqual(['date', 'phone']);
    }
  });

  it('finds the situation’s own names written with confusables or fullwidth letters', () => {
    const names = namePartsOf([{ givenName: 'Zoé', familyName: 'Lévesque' }]);
    expect(kinds('Spoke with Ｚｏｅ and her aunt.', names)).toEqual(['name']);
    expect(kinds('Spoke with Lеvesque (Cyrillic е).', names)).toEqual(['name']);
  });

  // ASCII is read as it is, every other code point normalised: a long text in another script
  // (10,000 CJK letters, which read as themselves) hides nothing disguised after it.
  it('reads disguised values after a long text in another script', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => String.fromCodePoint(0x4e00 + i)).join(
      '',
    );
    expect(findPersonalData(many)).toEqual([]);
    const disguised = 'Call ６１３ ５５５ ０１９９ or write to jаne@agency．ca.';
    expect(kinds(disguised)).toEqual(['phone', 'email']);
    expect(kinds(`${many} ${disguised}`)).toEqual(['phone', 'email']);
  });

  // Text with a letter of another script is folded character by character, not as ASCII.
  it('finds the situation’s own names in text that also holds another script', () => {
    const names = namePartsOf([{ givenName: 'Kevin', familyName: 'Tremblay' }]);
    expect(kinds('TREMBLAY wrote Жизнь on the wall.', names)).toEqual(['name']);
    expect(kinds('Kevin, 张伟 and the youth worker met.', names)).toEqual(['name']);
  });

  it('keeps a hard finding over a possible name at the same place', () => {
    const names = namePartsOf([{ givenName: 'Kevin', familyName: 'Tremblay' }]);
    expect(kinds('Mrs. Tremblay called.', names)).toEqual(['name']);
    expect(kinds('Lives at 12 rue Saint-Jean.')).toEqual(['street_address']);
  });
});

// Ordinary de-identified sentences: nothing is flagged, not even the words that are also names
// ("May", "Will", "Grace", "Hope", "Mark", "Rose") when they stand alone.
// prettier-ignore
const ordinary: string[] = [
  'Police attended twice in May.',
  'The youth is 15 and attends grade 9.',
  'Mental health worker will follow up on Monday.',
  'Will attend the next meeting if the family agrees.',
  'Hope House has a bed available; Grace period for rent ends in June.',
  'Mark the file for review in April; risk rose in August.',
  'Family of 5; 3 children aged 2, 4 and 7 attend the same school.',
  'Eviction hearing scheduled; landlord filed in March 2025.',
  'Child welfare, housing and police already involved since 2023.',
  'Adult, 40–59, alcohol use, isolation; neighbours report noise at night.',
  'Youth (16) missing from placement 3 times in 2 weeks; 48-hour review.',
  'Teacher reports bruises; principal informed the CAS.',
  'The Grace Street shelter is full this week.',
  'Rent arrears of 2 400 dollars; 1 bedroom unit.',
  'Scores 4, 5 and 6 on the risk scale in 2024.',
  'La police est intervenue deux fois en mai.',
  'Le jeune a 15 ans et fréquente la 9e année.',
  'L’intervenante en santé mentale fera un suivi lundi.',
  'Famille de 4 personnes; la mère signale 3 incidents depuis juin.',
  'Risque accru après un avis d’expulsion en mars 2025.',
  'Deux organismes sont déjà impliqués; suivi dans 48 heures.',
  'Aîné isolé, perte d’autonomie, refus des services à domicile.',
  'Consommation d’alcool; logement insalubre signalé par le propriétaire.',
  'Weeks later, the family had not been reached.',
  'Âgée de 82 ans, vit seule; Marié depuis 40 ans, le conjoint est malade.',
  'Déjà connu de la police; Perdue, elle a été retrouvée par des voisins.',
  // A compound of a name and a word that is not one is a place, not a person.
  'Admitted to the Saint-Laurent hospital overnight.',
];

describe('ordinary sentences stay unflagged', () => {
  it.each(ordinary)('%s', (text) => {
    expect(findPersonalData(text)).toEqual([]);
  });
});

describe('possibleNameStatus', () => {
  it('asks for a confirmation only when a possible name remains, and only for this text', () => {
    expect(possibleNameStatus(findPersonalData('Police attended in May.'), false)).toBe('none');
    const findings = findPersonalData('Grace Bouchard missed school.');
    expect(possibleNameStatus(findings, false)).toBe('unconfirmed');
    expect(possibleNameStatus(findings, true)).toBe('confirmed');
  });
});
