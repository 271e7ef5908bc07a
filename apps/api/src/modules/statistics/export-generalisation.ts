/**
 * k-anonymity for the record-level exports: which period and age band each row of ONE table and
 * calendar year is published with, or whether it is withheld. Pure, so the property tests
 * (test/modules/statistics/exports-generalisation.test.ts) check it without a database.
 *
 * The quasi-identifiers are the table, the period, the situation type, the age band and the
 * gender. Over the rows of a table-year not yet placed, in this order:
 *   1. groups of (month, type, band, gender) with at least `threshold` rows keep the month;
 *   2. groups of (quarter, type, band, gender) are published as the quarter `YYYY-Qn`;
 *   3. groups of (year, type, band, gender) as the year `YYYY`;
 *   4. groups of (year, type, wide band, gender) as the year and the wide age band;
 *   5. the rest is withheld.
 * Every step places whole groups of at least `threshold` rows, and two groups of different steps
 * that publish the same quasi-identifiers merge into a class that is larger still, so every class
 * of an export (rows with identical published quasi-identifiers) has at least `threshold` rows.
 *
 * The decision depends on the whole table-year and never on the window asked for: an export takes
 * a class whole (its published period overlaps the window) or not at all, so the difference of two
 * exports of overlapping windows is itself a union of whole classes.
 */
import { wideAgeBands } from '@fourfold/shared/statistics';

/** What the generalisation looks at in a row: its quasi-identifiers (the table is implicit). */
export type QuasiIdentifiers = {
  /** `YYYY-MM`. */
  month: string;
  situationType: string;
  ageBand: string;
  gender: string;
};

export type Level = 'month' | 'quarter' | 'year' | 'year_wide_band';

export type Placement =
  { withheld: false; level: Level; period: string; ageBand: string } | { withheld: true };

/** `2026-03` → `2026-Q1`. */
export function quarterOf(month: string): string {
  const quarter = Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1;
  return `${month.slice(0, 4)}-Q${quarter}`;
}

/** The wide band of a narrow one; a band the list does not know stays itself. */
export function wideBandOf(ageBand: string): string {
  return Object.hasOwn(wideAgeBands, ageBand) ? wideAgeBands[ageBand]! : ageBand;
}

type Step = {
  level: Level;
  period: (q: QuasiIdentifiers) => string;
  ageBand: (q: QuasiIdentifiers) => string;
};

const steps: readonly Step[] = [
  { level: 'month', period: (q) => q.month, ageBand: (q) => q.ageBand },
  { level: 'quarter', period: (q) => quarterOf(q.month), ageBand: (q) => q.ageBand },
  { level: 'year', period: (q) => q.month.slice(0, 4), ageBand: (q) => q.ageBand },
  {
    level: 'year_wide_band',
    period: (q) => q.month.slice(0, 4),
    ageBand: (q) => wideBandOf(q.ageBand),
  },
];

// The unit separator cannot occur in a code or a period, so joined keys never collide; and since it
// sorts before every character a code or a period holds, joined keys sort as their parts would.
export const keyOf = (...parts: string[]) => parts.join('\u001f');

/** The rows of a table-year that share all four quasi-identifiers, and how many they are. */
export type QuasiClass = QuasiIdentifiers & { count: number };

/**
 * The placement of every class of one table-year (rows with the same quasi-identifiers), in the
 * order given: the whole of a class always goes the same way, so the exports decide on the class
 * counts (a few thousand, from SQL) rather than on every row. All classes must share the calendar
 * year and be distinct; `threshold` is at least 1.
 */
export function generaliseClasses(classes: readonly QuasiClass[], threshold: number): Placement[] {
  const placements: (Placement | undefined)[] = new Array(classes.length);
  let open = classes.map((_, index) => index);
  for (const step of steps) {
    const groups = new Map<string, { rows: number; members: number[] }>();
    for (const index of open) {
      const q = classes[index]!;
      const key = keyOf(step.period(q), q.situationType, step.ageBand(q), q.gender);
      const group = groups.get(key);
      if (group) {
        group.rows += q.count;
        group.members.push(index);
      } else groups.set(key, { rows: q.count, members: [index] });
    }
    const next: number[] = [];
    for (const group of groups.values()) {
      if (group.rows < threshold) {
        next.push(...group.members);
        continue;
      }
      for (const index of group.members) {
        const q = classes[index]!;
        placements[index] = {
          withheld: false,
          level: step.level,
          period: step.period(q),
          ageBand: step.ageBand(q),
        };
      }
    }
    open = next;
  }
  for (const index of open) placements[index] = { withheld: true };
  return placements as Placement[];
}

/**
 * The placement of every row of one table-year, in the order given: the rows counted into their
 * classes, and each row placed as its class is. The per-row view of `generaliseClasses` that the
 * property tests check (every row placed or withheld once); the exports place the classes
 * themselves, from counts. All rows must share the calendar year; `threshold` is at least 1.
 */
export function generaliseTableYear(
  rows: readonly QuasiIdentifiers[],
  threshold: number,
): Placement[] {
  const classIndex = new Map<string, number>();
  const classes: QuasiClass[] = [];
  const classOfRow = rows.map((q) => {
    const key = keyOf(q.month, q.situationType, q.ageBand, q.gender);
    let index = classIndex.get(key);
    if (index === undefined) {
      index = classes.push({ ...q, count: 0 }) - 1;
      classIndex.set(key, index);
    }
    classes[index]!.count += 1;
    return index;
  });
  const placements = generaliseClasses(classes, threshold);
  return classOfRow.map((index) => placements[index]!);
}

/** The first and last month a published period covers, `YYYY-MM`. */
export function monthsOfPeriod(period: string): { first: string; last: string } {
  const year = period.slice(0, 4);
  if (period.length === 4) return { first: `${year}-01`, last: `${year}-12` };
  const quarter = /^\d{4}-Q([1-4])$/.exec(period);
  if (quarter) {
    const lastMonth = Number(quarter[1]) * 3;
    const pad = (m: number) => String(m).padStart(2, '0');
    return { first: `${year}-${pad(lastMonth - 2)}`, last: `${year}-${pad(lastMonth)}` };
  }
  return { first: period, last: period };
}

/** Whether a published period overlaps the window [from, to] (months, `YYYY-MM`). */
export function periodOverlaps(period: string, from: string, to: string): boolean {
  const { first, last } = monthsOfPeriod(period);
  return first <= to && last >= from;
}
