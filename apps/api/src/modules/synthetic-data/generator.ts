/**
 * The synthetic-data generator: situation tables with their agencies and people, and situations
 * shaped like the published situation-table reports (distributions.ts), written through a Loader
 * (COPY on PostgreSQL and PGlite, JSON inserts for the demo) in batches, so that memory stays
 * bounded whatever the number of situations; each batch is written while the next is generated.
 * It writes the base tables only: `situation_fact` and `stats_cell` are derived afterwards by the
 * statistics module's own rebuild, set-based (synthetic-data.service.ts), so there is one
 * definition of a statistics cell.
 *
 * Situations are generated in time order (month by month, by seasonality), so references run in
 * date order per table and year and ids (sequential within a run) keep the indexes appended to.
 */
import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { sealContext, type IdentityVault } from '../../lib/identity-vault';
import * as d from './distributions';
import type { Loader, RowBuffer, Value } from './loaders';
import {
  agencyNameOf,
  categoryPhrases,
  familyNames,
  givenNames,
  places,
  streets,
  whoOf,
} from './names';
import { createRandom, weighted, type Random, type Weighted } from './random';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type GeneratedAgency = { id: string; sector: string; userId: string };

export type GeneratedTable = {
  id: string;
  prefix: string;
  timeZone: string;
  firstContactHours: number;
  coordinatorId: string;
  agencies: GeneratedAgency[];
  /** Relative share of the situations. */
  weight: number;
};

/** The code lists as the database holds them (active codes only). */
export type CodeLists = {
  riskFactorsByCategory: Map<string, string[]>;
  protectiveFactors: string[];
  studyFlags: string[];
  rejectionReasons: string[];
  /** Conclusion reason → whether it says the risk was lowered. */
  conclusionReasons: Map<string, boolean>;
  sectors: string[];
};

export type SituationOptions = {
  situations: number;
  seed: string;
  /** The window: `years` back from `until` (default: now). */
  years: number;
  now: Date;
  until?: Date;
  /** False: closed and rejected only, no identity (the demo's history). */
  openStages: boolean;
  /** Seals the identity of open situations; required when openStages. */
  vault?: IdentityVault;
  identityRetentionDays: number;
  /**
   * True: the situation rows carry `risk_factor_count` and `first_contact_due_at` themselves, and
   * the caller has turned off the triggers that would otherwise derive them from the codes and
   * first-contact items ({@link DERIVED_COLUMN_TRIGGERS}). False (the demo's history, written with
   * its triggers on): 0 and null, which the triggers then fill in as the app's writes do.
   */
  derivedColumns?: boolean;
  batchSize?: number;
  onProgress?: (done: number) => void;
};

/**
 * The triggers of migration 0018 that keep two columns of `situation` from its child rows. Each
 * statement of codes or first-contact items would update every situation of its batch: 188,000
 * row updates per 100,000 situations, which tripled the table's heap and (as the indexes rebuilt
 * inside the same transaction still hold the superseded versions) its indexes. The generator's
 * load writes the columns in the situation rows instead, with these triggers off, and checks the
 * result set-based afterwards (synthetic-data.service.ts).
 */
export const DERIVED_COLUMN_TRIGGERS = [
  { table: 'situation_code', trigger: 'situation_code_count_insert' },
  { table: 'action_item', trigger: 'situation_first_contact_due_insert' },
] as const;

export type GenerateResult = {
  situations: number;
  discussed: number;
  identities: number;
  repeats: number;
  rows: Record<string, number>;
};

/** Ids sequential within a run (a random run prefix, then a counter): appended to every index. */
export function idSequence(): () => string {
  const run = randomBytes(8).toString('hex');
  const prefix = `${run.slice(0, 8)}-${run.slice(8, 12)}-8${run.slice(13, 16)}-`;
  const variant = (8 + (parseInt(run[12]!, 16) & 3)).toString(16);
  let counter = 0;
  return () => {
    counter += 1;
    const hex = counter.toString(16).padStart(15, '0');
    return `${prefix}${variant}${hex.slice(0, 3)}-${hex.slice(3)}`;
  };
}

export async function loadCodeLists(loader: Loader): Promise<CodeLists> {
  const rows = await loader.query<{
    list: string;
    code: string;
    category_code: string | null;
    risk_lowered: boolean | null;
  }>(
    `select list, code, category_code, risk_lowered from code
     where retired_at is null order by list, sort_order, code`,
  );
  const lists: CodeLists = {
    riskFactorsByCategory: new Map(),
    protectiveFactors: [],
    studyFlags: [],
    rejectionReasons: [],
    conclusionReasons: new Map(),
    sectors: [],
  };
  for (const row of rows) {
    if (row.list === 'risk_factor') {
      const list = lists.riskFactorsByCategory.get(row.category_code!) ?? [];
      list.push(row.code);
      lists.riskFactorsByCategory.set(row.category_code!, list);
    } else if (row.list === 'protective_factor') lists.protectiveFactors.push(row.code);
    else if (row.list === 'study_flag') lists.studyFlags.push(row.code);
    else if (row.list === 'rejection_reason') lists.rejectionReasons.push(row.code);
    else if (row.list === 'conclusion_reason')
      lists.conclusionReasons.set(row.code, row.risk_lowered!);
    else if (row.list === 'sector') lists.sectors.push(row.code);
  }
  return lists;
}

/** Column lists of every table the generator writes, in the order rows give their values. */
export const columns = {
  situation_table: ['id', 'name', 'reference_prefix', 'municipality', 'meeting_weekday',
    'meeting_time', 'time_zone', 'first_contact_hours', 'created_at', 'updated_at'],
  agency: ['id', 'name', 'sector', 'created_at', 'updated_at'],
  table_agency: ['table_id', 'agency_id', 'joined_at'],
  app_user: ['id', 'email', 'display_name', 'agency_id', 'created_at', 'updated_at'],
  table_membership: ['id', 'table_id', 'user_id', 'role', 'status', 'requested_at',
    'confirmed_by', 'confirmed_at', 'created_at'],
  confidentiality_agreement: ['id', 'table_id', 'version', 'body_en', 'body_fr', 'created_at'],
  situation: ['id', 'table_id', 'reference', 'stage', 'version', 'situation_type', 'age_band',
    'gender', 'summary', 'filter1_agency_exhausted_options', 'filter1_significant_interest',
    'filter1_probability_of_harm', 'filter1_severity_of_harm', 'filter1_multiple_agencies_needed',
    'originating_agency_id', 'created_at', 'created_by', 'updated_at', 'submitted_at',
    'submitted_by', 'decided_at', 'decided_by', 'rejection_reason', 'assigned_at', 'assigned_by',
    'lead_agency_id', 'first_contact_at', 'first_contact_outcome', 'first_contact_recorded_by',
    'closed_at', 'closed_by', 'conclusion_reason', 'identity_destroyed_at',
    'free_text_destroyed_at', 'risk_factor_count', 'first_contact_due_at'],
  situation_code: ['situation_id', 'list', 'code'],
  situation_agency_present: ['situation_id', 'agency_id', 'involved', 'declared_at',
    'declared_by'],
  situation_assisting_agency: ['situation_id', 'agency_id'],
  situation_identity: ['situation_id', 'key_id', 'sealed', 'updated_at', 'updated_by'],
  situation_repeat: ['situation_id', 'earlier_situation_id', 'detected_at'],
  action_item: ['id', 'situation_id', 'table_id', 'owner_agency_id', 'kind', 'due_at', 'status',
    'created_at', 'created_by', 'status_changed_at', 'status_changed_by'],
} as const satisfies Record<string, readonly string[]>; // prettier-ignore

type TableName = keyof typeof columns;

/** The situations' own tables, loaded by COPY; the statistics tables are built from them afterwards. */
export const SITUATION_TABLES = [
  'situation',
  'situation_code',
  'situation_agency_present',
  'situation_assisting_agency',
  'situation_identity',
  'situation_repeat',
  'action_item',
] as const satisfies readonly TableName[];

/** Every table a generation run fills: what the CLI analyzes and rebuilds indexes of, and the bench counts. */
export const GENERATED_TABLES = [
  ...SITUATION_TABLES,
  'situation_fact',
  'stats_cell',
  'stats_cell_total',
] as const;

async function buffers(loader: Loader, tables: readonly TableName[]) {
  await loader.prepare?.(tables);
  const map = new Map<TableName, RowBuffer>();
  for (const table of tables) {
    map.set(table, loader.buffer(table, columns[table]));
  }
  return {
    add: (table: TableName, row: readonly Value[]) => map.get(table)!.add(row),
    rows: (table: TableName) => map.get(table)!.rows,
    /** In the order given: parents before the rows that reference them. */
    async flush() {
      await this.take()();
    },
    /** Every table's rows taken now, written later in the order given. */
    take(): () => Promise<void> {
      const writes = [...map.values()].map((buffer) => buffer.take());
      return async () => {
        for (const write of writes) await write();
      };
    },
  };
}

/** A timestamp column's value: COPY text writes it as ISO 8601, binary COPY as microseconds. */
const at = (ms: number) => new Date(ms);

const TIME_ZONES = weighted<string>([
  ['America/Toronto', 60],
  ['America/Winnipeg', 8],
  ['America/Regina', 10],
  ['America/Edmonton', 8],
  ['America/Vancouver', 8],
  ['America/Halifax', 6],
]);

const AGREEMENT_EN =
  'I will use information shared at this situation table only to reduce the acutely elevated ' +
  'risk under discussion, share the minimum necessary and keep it confidential.';
const AGREEMENT_FR =
  'Je n’utiliserai les renseignements communiqués à cette table de situation que pour réduire ' +
  'le risque aigu élevé dont il est question, n’en communiquerai que le minimum nécessaire et en ' +
  'préserverai la confidentialité.';

/**
 * Creates `count` situation tables (names from a fixed list of places, numbered once the list is
 * used up; prefixes of 2–6 letters), each with 6–12 member agencies across sectors, a coordinator
 * and one representative per agency (no password: they sign in after an administrator's invite).
 */
export async function createTables(
  loader: Loader,
  count: number,
  options: { seed: string; now: Date; nextId: () => string; codes: CodeLists },
): Promise<GeneratedTable[]> {
  const random = createRandom(`${options.seed}:tables`);
  const taken = await loader.query<{ name: string; prefix: string }>(
    'select lower(name) as name, reference_prefix as prefix from situation_table',
  );
  const takenNames = new Set(taken.map((row) => row.name));
  const takenPrefixes = new Set(taken.map((row) => row.prefix));
  const takenAgencies = new Set(
    (await loader.query<{ name: string }>('select lower(name) as name from agency')).map(
      (row) => row.name,
    ),
  );
  const takenEmails = new Set(
    (await loader.query<{ email: string }>('select email from app_user')).map((row) => row.email),
  );
  const out = await buffers(loader, [
    'situation_table',
    'confidentiality_agreement',
    'agency',
    'table_agency',
    'app_user',
    'table_membership',
  ]);
  const now = at(options.now.getTime());
  const optionalSectors = options.codes.sectors.filter(
    (sector) => sector !== 'police' && sector !== 'mental_health' && sector !== 'other',
  );
  const person = () => `${random.one(givenNames)} ${random.one(familyNames)}`;
  const tables: GeneratedTable[] = [];
  let attempt = 0;
  while (tables.length < count) {
    const place = places[attempt % places.length]!;
    const round = Math.floor(attempt / places.length);
    attempt += 1;
    const municipality = round === 0 ? place : `${place} ${round + 1}`;
    const name = `${municipality} Situation Table`;
    if (takenNames.has(name.toLowerCase())) continue;
    const prefix = prefixFor(place, takenPrefixes);
    if (prefix === null) continue;
    takenNames.add(name.toLowerCase());
    takenPrefixes.add(prefix);
    const table: GeneratedTable = {
      id: options.nextId(),
      prefix,
      timeZone: random.pick(TIME_ZONES),
      firstContactHours: random.chance(0.85) ? 48 : random.one([24, 72]),
      coordinatorId: '',
      agencies: [],
      weight: d.tableBusyness(random),
    };
    out.add('situation_table', [table.id, name, prefix, municipality, random.between(1, 5),
      `${random.between(9, 14)}:00`, table.timeZone, table.firstContactHours, now, now]); // prettier-ignore
    out.add('confidentiality_agreement', [options.nextId(), table.id, 1, AGREEMENT_EN, AGREEMENT_FR, now]); // prettier-ignore
    const sectors = ['police', 'mental_health'];
    const extra = random.between(4, 10);
    const pool = [...optionalSectors];
    for (let i = 0; i < extra && pool.length > 0; i++) {
      sectors.push(pool.splice(random.int(pool.length), 1)[0]!);
    }
    const local = prefix.toLowerCase();
    for (const [index, sector] of sectors.entries()) {
      let agencyName = (agencyNameOf[sector] ?? agencyNameOf.other!)(municipality);
      for (let n = 2; takenAgencies.has(agencyName.toLowerCase()); n++) {
        agencyName = `${(agencyNameOf[sector] ?? agencyNameOf.other!)(municipality)} ${n}`;
      }
      takenAgencies.add(agencyName.toLowerCase());
      const agencyId = options.nextId();
      out.add('agency', [agencyId, agencyName, sector, now, now]);
      out.add('table_agency', [table.id, agencyId, now]);
      let email = `${sector.replace(/_/g, '-')}@${local}.synthetic.example`;
      for (let n = 2; takenEmails.has(email); n++) {
        email = `${sector.replace(/_/g, '-')}${n}@${local}.synthetic.example`;
      }
      takenEmails.add(email);
      const userId = options.nextId();
      out.add('app_user', [userId, email, person(), agencyId, now, now]);
      table.agencies.push({ id: agencyId, sector, userId });
      if (index === 0) {
        // The coordinator sits with the first agency (police, as at most tables).
        let coordinatorEmail = `coordinator@${local}.synthetic.example`;
        for (let n = 2; takenEmails.has(coordinatorEmail); n++) {
          coordinatorEmail = `coordinator${n}@${local}.synthetic.example`;
        }
        takenEmails.add(coordinatorEmail);
        table.coordinatorId = options.nextId();
        out.add('app_user', [table.coordinatorId, coordinatorEmail, person(), agencyId, now, now]);
        out.add('table_membership', [options.nextId(), table.id, table.coordinatorId,
          'coordinator', 'first_coordinator', now, null, now, now]); // prettier-ignore
      }
      out.add('table_membership', [options.nextId(), table.id, userId, 'agency_rep', 'confirmed',
        now, table.coordinatorId, now, now]); // prettier-ignore
    }
    tables.push(table);
  }
  await out.flush();
  return tables;
}

/** The first three letters of the place, then longer ones, up to six. Null when all are taken. */
function prefixFor(place: string, taken: ReadonlySet<string>): string | null {
  const letters = place
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toUpperCase();
  const base = letters.slice(0, 3);
  if (!taken.has(base)) return base;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (let length = 1; length <= 3; length++) {
    const total = 26 ** length;
    for (let n = 0; n < total; n++) {
      let suffix = '';
      for (let k = 0, v = n; k < length; k++, v = Math.floor(v / 26)) suffix += alphabet[v % 26];
      if (!taken.has(base + suffix)) return base + suffix;
    }
  }
  return null;
}

/** The existing tables named by id, with their member agencies and a person of each. */
export async function loadTables(loader: Loader, tableIds: readonly string[]) {
  const tables: GeneratedTable[] = [];
  for (const id of tableIds) {
    const [row] = await loader.query<{
      reference_prefix: string;
      time_zone: string;
      first_contact_hours: number;
    }>(
      'select reference_prefix, time_zone, first_contact_hours from situation_table where id = $1',
      [id],
    );
    if (!row) throw new Error(`No situation table ${id}.`);
    const members = await loader.query<{ user_id: string; role: string; agency_id: string }>(
      `select m.user_id, m.role, u.agency_id from table_membership m
       join app_user u on u.id = m.user_id
       where m.table_id = $1 and m.status <> 'pending' and u.agency_id is not null
       order by m.created_at, m.id`,
      [id],
    );
    const coordinator = members.find((m) => m.role === 'coordinator');
    if (!coordinator) throw new Error(`The situation table ${id} has no coordinator.`);
    const agencies = await loader.query<{ id: string; sector: string }>(
      `select a.id, a.sector from table_agency t join agency a on a.id = t.agency_id
       where t.table_id = $1 and a.active order by a.name`,
      [id],
    );
    tables.push({
      id,
      prefix: row.reference_prefix,
      timeZone: row.time_zone,
      firstContactHours: row.first_contact_hours,
      coordinatorId: coordinator.user_id,
      agencies: agencies.map((agency) => ({
        ...agency,
        userId:
          members.find((m) => m.agency_id === agency.id && m.role === 'agency_rep')?.user_id ??
          coordinator.user_id,
      })),
      weight: 1,
    });
  }
  return tables;
}

/** Local wall-clock milliseconds (as if UTC) to the instant, in one time zone; cached per day. */
function wallClock(zone: string) {
  const offsets = new Map<number, number>();
  // Per day, at noon: the situations fall in working hours, never in the night hours when the
  // clocks change.
  const offsetAt = (localMs: number) => {
    const day = Math.floor(localMs / DAY);
    let offset = offsets.get(day);
    if (offset === undefined) {
      offset = DateTime.fromMillis(day * DAY + 12 * HOUR, { zone: 'utc' }).setZone(zone, {
        keepLocalTime: true,
      }).offset;
      offsets.set(day, offset);
    }
    return offset * 60_000;
  };
  return {
    toInstant: (localMs: number) => localMs - offsetAt(localMs),
    /** The local wall clock of an instant (the offset of the same wall-clock day: exact except
     * in the night hours of a change of daylight saving time). */
    ofInstant: (ms: number) => ms + offsetAt(ms),
  };
}

type TableState = {
  table: GeneratedTable;
  clock: ReturnType<typeof wallClock>;
  originating: Weighted<GeneratedAgency>;
  lead: Record<d.AgeGroup, Weighted<GeneratedAgency>>;
  /** Year → last reference number. */
  counters: Map<number, number>;
  /** Recent accepted situations (ids), for repeats. */
  recent: string[];
};

/**
 * Writes `options.situations` situations spread over the tables by their weights and over the
 * window by month and season, then their statistics cells and the reference counters.
 */
export async function generateSituations(
  loader: Loader,
  tables: readonly GeneratedTable[],
  codes: CodeLists,
  options: SituationOptions,
  nextId: () => string,
): Promise<GenerateResult> {
  if (tables.length === 0 && options.situations > 0)
    throw new Error('No table to put situations on.');
  if (options.openStages && !options.vault) throw new Error('Open situations need the vault.');
  const random = createRandom(options.seed);
  const derived = options.derivedColumns ?? false;
  const nowMs = options.now.getTime();
  const untilMs = (options.until ?? options.now).getTime();
  const batchSize = options.batchSize ?? 5000;
  const out = await buffers(loader, SITUATION_TABLES);
  const existingCounters = await loader.query<{ table_id: string; year: number; last: number }>(
    `select table_id, year, last_number as last from situation_reference_counter
     where table_id = any($1::uuid[])`,
    [tables.map((t) => t.id)],
  );
  const states: TableState[] = tables.map((table) => {
    const bySector = (weights: Record<string, number>, fallback: number) =>
      weighted(table.agencies.map((a) => [a, weights[a.sector] ?? fallback] as const));
    return {
      table,
      clock: wallClock(table.timeZone),
      originating: bySector(d.originatingSectorWeights, 1),
      lead: {
        child: bySector(d.leadSectorWeights.child, 1),
        youth: bySector(d.leadSectorWeights.youth, 1),
        adult: bySector(d.leadSectorWeights.adult, 1),
        senior: bySector(d.leadSectorWeights.senior, 1),
        mixed: bySector(d.leadSectorWeights.mixed, 1),
      },
      counters: new Map(
        existingCounters.filter((c) => c.table_id === table.id).map((c) => [c.year, c.last]),
      ),
      recent: [],
    };
  });
  const tablePick = weighted(states.map((state) => [state, state.table.weight] as const));

  // Months of the window in wall-clock time, with their share of the situations.
  const endLocal = Math.min(...states.map((s) => s.clock.ofInstant(untilMs))) - HOUR;
  const end = DateTime.fromMillis(endLocal, { zone: 'utc' });
  const startMonth = end.minus({ years: options.years }).startOf('month').plus({ months: 1 });
  const months: Array<{ start: number; end: number; period: string; weight: number }> = [];
  for (let month = startMonth; month.toMillis() < endLocal; month = month.plus({ months: 1 })) {
    const monthEnd = Math.min(month.plus({ months: 1 }).toMillis(), endLocal);
    const full = month.plus({ months: 1 }).toMillis() - month.toMillis();
    months.push({
      start: month.toMillis(),
      end: monthEnd,
      period: month.toFormat('yyyy-MM-01'),
      weight: d.MONTH_WEIGHTS[month.month - 1]! * ((monthEnd - month.toMillis()) / full),
    });
  }
  const counts = apportion(
    options.situations,
    months.map((m) => m.weight),
  );

  const riskCategories = [...codes.riskFactorsByCategory.keys()];
  const categoryWeightsOf = (group: d.AgeGroup) =>
    riskCategories.map((c) => d.categoryWeights[c]?.[group] ?? d.OTHER_CATEGORY_WEIGHT);
  const categoryWeightTable: Record<d.AgeGroup, number[]> = {
    child: categoryWeightsOf('child'),
    youth: categoryWeightsOf('youth'),
    adult: categoryWeightsOf('adult'),
    senior: categoryWeightsOf('senior'),
    mixed: categoryWeightsOf('mixed'),
  };
  const categoryIndex = new Map(riskCategories.map((c, i) => [c, i]));
  // Per category (by index): the other categories it makes likelier, by index, and by how much.
  const boostsOf = riskCategories.map((category) =>
    Object.entries(d.coOccurrence[category] ?? {})
      .map(([other, factor]) => [categoryIndex.get(other), factor] as const)
      .filter((boost): boost is readonly [number, number] => boost[0] !== undefined),
  );
  const factorsOf = riskCategories.map((c) => codes.riskFactorsByCategory.get(c)!);
  const categoryOfFactor = new Map<string, string>();
  for (const [category, factors] of codes.riskFactorsByCategory)
    for (const factor of factors) categoryOfFactor.set(factor, category);
  const rejectionReasons = d.weightedFrom(codes.rejectionReasons, d.rejectionReasonWeights, 2);
  const conclusionReasons = d.weightedFrom(
    [...codes.conclusionReasons.keys()],
    d.conclusionReasonWeights,
    1,
  );
  const studyFlagRules = d.studyFlagRules.filter((rule) => codes.studyFlags.includes(rule.flag));
  const protectiveFactors = codes.protectiveFactors.map(
    (code) => [code, d.protectiveFactorChance[code] ?? 0.02] as const,
  );

  const result: GenerateResult = {
    situations: 0,
    discussed: 0,
    identities: 0,
    repeats: 0,
    rows: {},
  };
  const weights = new Float64Array(riskCategories.length);

  /** Risk factors of one situation: categories drawn with co-occurrence, 1–2 factors each. */
  function riskFactorsOf(group: d.AgeGroup, count: number): string[] {
    weights.set(categoryWeightTable[group]);
    const chosen: number[] = [];
    const factors = new Set<string>();
    for (let guard = 0; factors.size < count && guard < count * 4; guard++) {
      let total = 0;
      for (let i = 0; i < weights.length; i++) total += weights[i]!;
      if (total <= 0) break;
      let x = random.next() * total;
      let index = 0;
      for (; index < weights.length - 1; index++) {
        x -= weights[index]!;
        if (x < 0) break;
      }
      const list = factorsOf[index]!;
      // Earlier codes of a category (its general descriptors) are the more frequent.
      const factor =
        list[Math.min(list.length - 1, Math.floor(list.length * random.next() ** 1.6))]!;
      factors.add(factor);
      if (!chosen.includes(index)) {
        chosen.push(index);
        for (const [i, factorOf] of boostsOf[index]!) weights[i]! *= factorOf;
        // A second factor of the same category is less likely than a new category.
        weights[index]! *= 0.3;
      } else {
        weights[index]! *= 0.2;
      }
    }
    return [...factors].sort();
  }

  const person = (ageBand: string, atMs: number) => {
    const group = ageGroupBounds[ageBand] ?? [18, 60];
    const age = random.between(group[0], group[1]);
    const birth = new Date(atMs - age * 365.25 * DAY - random.int(365) * DAY);
    return {
      givenName: random.one(givenNames),
      familyName: random.one(familyNames),
      dateOfBirth: birth.toISOString().slice(0, 10),
    };
  };

  let done = 0;
  let writing: Promise<void> = Promise.resolve();
  for (const [monthIndex, month] of months.entries()) {
    const count = counts[monthIndex]!;
    const span = month.end - month.start;
    for (let k = 0; k < count; k++) {
      const state = random.pick(tablePick);
      const table = state.table;
      // Stratified over the month: in time order, on working hours (09:00–17:00).
      const position = month.start + ((k + random.next()) / count) * span;
      const dayStart = Math.floor(position / DAY) * DAY;
      let localDecided = dayStart + 9 * HOUR + ((position - dayStart) / DAY) * 8 * HOUR;
      if (localDecided > month.end) localDecided = month.end - random.int(HOUR);
      const decided = state.clock.toInstant(localDecided);

      const id = nextId();
      const type = random.pick(d.situationTypes);
      const ageBand =
        type === 'individual'
          ? random.pick(d.individualAgeBands)
          : type === 'family' || type === 'group'
            ? 'multiple'
            : 'unknown';
      const gender =
        type === 'individual'
          ? random.pick(d.individualGenders)
          : type === 'location'
            ? 'not_applicable'
            : 'multiple';
      const group = d.ageGroupOf(ageBand);
      const originating = random.pick(state.originating);

      // Before the decision: drafted, then presented (submitted) for the next meeting.
      const submitted = decided - HOUR - random.int(6 * DAY);
      const created = submitted - HOUR - random.int(3 * DAY);
      const recent = nowMs - decided < 7 * DAY && options.openStages;
      const notYetDecided = recent && random.chance(0.2);
      const draft = notYetDecided && random.chance(0.25);
      const accepted = !notYetDecided && random.chance(d.ACCEPTED_SHARE);
      const rejected = !notYetDecided && !accepted;

      const riskFactors = riskFactorsOf(
        group,
        random.pick(rejected ? d.rejectedRiskFactorCounts : d.riskFactorCounts),
      );
      const categories = [...new Set(riskFactors.map((f) => categoryOfFactor.get(f)!))].sort();
      const protective = accepted
        ? protectiveFactors.filter(([, p]) => random.chance(p)).map(([code]) => code)
        : [];
      const flags = accepted
        ? studyFlagRules
            .filter((rule) => rule.when === null || categories.includes(rule.when))
            .filter((rule) => random.chance(rule.chance))
            .map((rule) => rule.flag)
            .sort()
        : [];

      // After the decision (accepted): assignment, first contact, closure.
      let assigned: number | null = null;
      let lead: GeneratedAgency | null = null;
      let assisting: GeneratedAgency[] = [];
      let contact: number | null = null;
      let contactOutcome: string | null = null;
      let closed: number | null = null;
      let conclusion: string | null = null;
      if (accepted) {
        // Filter 3 usually follows at the same meeting, sometimes at the next one.
        const assignAt = decided + (random.chance(0.85) ? 15 * 60_000 : 7 * DAY);
        if (assignAt <= nowMs) {
          assigned = assignAt;
          lead = random.pick(state.lead[group]);
          const others = table.agencies.filter((a) => a !== lead);
          const wanted = random.pick(assistingCounts);
          assisting = [];
          for (let i = 0; i < wanted && others.length > 0; i++) {
            assisting.push(others.splice(random.int(others.length), 1)[0]!);
          }
          const contactAt =
            assigned + random.logNormal(d.FIRST_CONTACT_MEDIAN_HOURS, d.FIRST_CONTACT_SIGMA) * HOUR;
          if (contactAt <= nowMs) {
            contact = Math.round(contactAt);
            contactOutcome = random.pick(d.firstContactOutcomes);
            const closeAt = Math.max(
              decided + random.logNormal(d.DAYS_OPEN_MEDIAN, d.DAYS_OPEN_SIGMA) * DAY,
              contact + HOUR,
            );
            if (closeAt <= nowMs && (options.openStages || closeAt <= untilMs)) {
              closed = Math.round(closeAt);
              conclusion =
                contactOutcome === 'not_located' && random.chance(0.7)
                  ? codes.conclusionReasons.has('still_unable_to_locate')
                    ? 'still_unable_to_locate'
                    : random.pick(conclusionReasons)
                  : random.pick(conclusionReasons);
            }
          }
        }
      }
      // The demo history holds no open situation: skip what would still be open.
      if (!options.openStages && accepted && closed === null) {
        continue;
      }
      const stage = draft
        ? 'draft'
        : notYetDecided
          ? 'filter2'
          : rejected
            ? 'rejected'
            : closed !== null
              ? 'closed'
              : assigned !== null
                ? 'filter4'
                : 'filter3';
      const rejectionReason = rejected ? random.pick(rejectionReasons) : null;

      // Identity: held while open and for the retention period after closure.
      const destroyedAt = rejected
        ? decided
        : closed === null
          ? null
          : closed + options.identityRetentionDays * DAY <= nowMs
            ? closed + options.identityRetentionDays * DAY
            : // History without identities: as if the retention period had been shorter.
              options.openStages
              ? null
              : nowMs;
      const holdsIdentity = destroyedAt === null && options.openStages;
      const lastEvent = Math.max(created, draft ? created : submitted, notYetDecided ? 0 : decided,
        assigned ?? 0, contact ?? 0, closed ?? 0, destroyedAt ?? 0); // prettier-ignore

      // The reference: the table's series of the year the situation was created.
      const year = new Date(state.clock.ofInstant(created)).getUTCFullYear();
      const number = (state.counters.get(year) ?? 0) + 1;
      state.counters.set(year, number);
      const reference = `${table.prefix}-${year}-${String(number).padStart(4, '0')}`;
      // The first-contact item's due time, which is also the situation's (migration 0018).
      const firstContactDue =
        (stage === 'filter4' || stage === 'closed') && lead && assigned
          ? at(assigned + table.firstContactHours * HOUR)
          : null;
      const decidedAt = notYetDecided ? null : at(decided);

      out.add('situation', [
        id, table.id, reference, stage,
        2 + (notYetDecided ? 0 : 1) + (assigned ? 1 : 0) + (contact ? 1 : 0) + (closed ? 1 : 0),
        type, ageBand, gender,
        destroyedAt === null ? summaryOf(ageBand, categories, random) : null,
        true, true, true, true, true,
        originating.id, at(created), originating.userId, at(lastEvent),
        draft ? null : at(submitted), draft ? null : originating.userId,
        decidedAt, notYetDecided ? null : table.coordinatorId,
        rejectionReason,
        assigned ? at(assigned) : null, assigned ? table.coordinatorId : null,
        lead?.id ?? null,
        contact ? at(contact) : null, contactOutcome, contact && lead ? lead.userId : null,
        closed ? at(closed) : null, closed ? table.coordinatorId : null, conclusion,
        destroyedAt ? at(destroyedAt) : null, destroyedAt ? at(destroyedAt) : null,
        derived ? riskFactors.length : 0, derived ? firstContactDue : null,
      ]); // prettier-ignore
      for (const code of riskFactors) out.add('situation_code', [id, 'risk_factor', code]);
      for (const code of protective) out.add('situation_code', [id, 'protective_factor', code]);
      for (const code of flags) out.add('situation_code', [id, 'study_flag', code]);

      if (!notYetDecided) {
        const present = new Set<GeneratedAgency>([originating]);
        if (lead) present.add(lead);
        for (const agency of assisting) present.add(agency);
        for (let i = random.int(3); i > 0; i--) present.add(random.one(table.agencies));
        for (const agency of present) {
          out.add('situation_agency_present', [id, agency.id, random.chance(0.6),
            decidedAt, agency.userId]); // prettier-ignore
        }
      }
      for (const agency of assisting) out.add('situation_assisting_agency', [id, agency.id]);
      // Every assigned situation got its first-contact item (the history's closed ones too: lists
      // and the overdue filter read them at scale).
      if (firstContactDue !== null && lead && assigned) {
        out.add('action_item', [nextId(), id, table.id, lead.id, 'first_contact', firstContactDue,
          contact ? 'done' : 'open', at(assigned), table.coordinatorId,
          contact ? at(contact) : null, contact ? lead.userId : null]); // prettier-ignore
      }
      if (holdsIdentity) {
        const people = [person(ageBand === 'multiple' ? '30_39' : ageBand, created)];
        if (type === 'family') people.push(person(random.one(['6_11', '12_15']), created));
        const identity = {
          people,
          address: `${random.between(1, 999)} ${random.one(streets)}`,
        };
        const sealed = options.vault!.sealJson(identity, sealContext.identity(id));
        out.add('situation_identity', [id, sealed.keyId, sealed.sealed, at(created),
          originating.userId]); // prettier-ignore
        result.identities += 1;
      }
      if (accepted) {
        // A repeat links two situations of the table, found by the identity when it was saved.
        if (state.recent.length > 0 && random.chance(d.REPEAT_SHARE)) {
          out.add('situation_repeat', [id, random.one(state.recent), at(created)]);
          result.repeats += 1;
        }
        state.recent.push(id);
        if (state.recent.length > 40) state.recent.shift();
      }

      if (!notYetDecided) result.discussed += 1;
      result.situations += 1;
      done += 1;
      if (out.rows('situation') >= batchSize) {
        countRows(result, out);
        // The previous batch's write had the time this one took to generate.
        await writing;
        options.onProgress?.(done - out.rows('situation'));
        writing = out.take()();
        // Handled when awaited above; until then a failure must not count as unhandled.
        writing.catch(() => undefined);
      }
    }
  }
  countRows(result, out);
  await writing;
  await out.flush();
  options.onProgress?.(done);

  // The app's counters continue after the generated references.
  for (const state of states) {
    for (const [year, last] of state.counters) {
      await loader.query(
        `insert into situation_reference_counter (table_id, year, last_number) values ($1, $2, $3)
         on conflict (table_id, year) do update
         set last_number = greatest(situation_reference_counter.last_number, excluded.last_number)`,
        [state.table.id, year, last],
      );
    }
  }
  return result;
}

function countRows(result: GenerateResult, out: Awaited<ReturnType<typeof buffers>>) {
  for (const table of SITUATION_TABLES) {
    // prettier-ignore
    result.rows[table] = (result.rows[table] ?? 0) + out.rows(table);
  }
}

const assistingCounts = weighted<number>([
  [0, 10],
  [1, 35],
  [2, 35],
  [3, 15],
  [4, 5],
]);

const ageGroupBounds: Record<string, [number, number]> = {
  '0_5': [0, 5],
  '6_11': [6, 11],
  '12_15': [12, 15],
  '16_17': [16, 17],
  '18_24': [18, 24],
  '25_29': [25, 29],
  '30_39': [30, 39],
  '40_59': [40, 59],
  '60_plus': [60, 88],
  unknown: [20, 60],
};

function summaryOf(ageBand: string, categories: readonly string[], random: Random): string {
  const phrases = categories
    .map((c) => categoryPhrases[c])
    .filter((p): p is string => p !== undefined);
  const picked: string[] = [];
  while (picked.length < Math.min(3, phrases.length)) {
    const phrase = random.one(phrases);
    if (!picked.includes(phrase)) picked.push(phrase);
  }
  const who = whoOf[ageBand] ?? 'Person';
  return picked.length
    ? `${who}: ${picked.join('; ')}. Risk escalating over recent weeks.`
    : `${who} at escalating risk over recent weeks.`;
}

/** Splits `total` into whole parts proportional to the weights (largest remainders). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum > 0 ? (total * w) / sum : 0));
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder);
  for (let i = 0; left > 0 && order.length > 0; i = (i + 1) % order.length, left--) {
    parts[order[i]!.index]! += 1;
  }
  return parts;
}
