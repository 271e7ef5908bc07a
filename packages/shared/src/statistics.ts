/**
 * Statistics for analysts (the tables they are granted) and coordinators (their own table): the
 * shapes of the summary and the exports, and the names of what they count.
 *
 * Nothing here can carry identity, free text, a date of birth or an exact day: every value is a
 * code, a period (a month, quarter or year), a bucket of days, or a published count. A published
 * count is a number that is 0 or at least the suppression threshold, or the word `suppressed` —
 * never a small number (see suppression.ts and ARCHITECTURE.md, "Statistics and disclosure
 * control").
 */
import { z } from 'zod';
import { idSchema, text } from './input';
import { codeSchema } from './taxonomy';

/** Counts from 1 to threshold − 1 are never published. The README recommends 11 for public release. */
export const SUPPRESSION_THRESHOLD_DEFAULT = 5;
export const SUPPRESSION_THRESHOLD_RANGE = { min: 2, max: 100 } as const;
/** Every published count is a sum of cells randomly rounded to this base. */
export const ROUNDING_BASE = 5;

/** How far back and how wide one summary may reach, in months. */
export const STATS_MAX_MONTHS = 120;

/**
 * What the summary counts. Each situation discussed at filter 2 counts once in every dimension
 * whose key it has, in the month of its filter-2 decision (in its table's time zone).
 *
 * Single-valued (each discussed situation has exactly one key, so the keys of one period add up
 * to the discussions of that period): outcome, situation_type, age_band, gender,
 * originating_sector, first_contact, days_open, repeat. Single-valued within a subset:
 * rejection_reason (rejected), lead_sector, conclusion, conclusion_reason (accepted and assigned
 * or closed), first_contact_days (first contact made). Multi-valued (a situation may have several
 * keys or none): assisting_sector, risk_category, risk_factor, the by-age-band and by-gender
 * breakdowns, the pairs, protective_factor, study_flag.
 */
export const statsDimensions = [
  'discussions',
  'outcome',
  'rejection_reason',
  'situation_type',
  'age_band',
  'gender',
  'originating_sector',
  'lead_sector',
  'assisting_sector',
  'risk_category',
  'risk_factor',
  'risk_category_by_age_band',
  'risk_category_by_gender',
  'risk_factor_by_age_band',
  'risk_factor_by_gender',
  'risk_category_pair',
  'risk_factor_pair',
  'protective_factor',
  'study_flag',
  'conclusion',
  'conclusion_reason',
  'first_contact',
  'first_contact_days',
  'days_open',
  'repeat',
] as const;
export const statsDimensionSchema = z.enum(statsDimensions);
export type StatsDimension = z.infer<typeof statsDimensionSchema>;

/** Dimensions whose keys partition the discussions of each period (their column totals add up). */
export const additiveDimensions: readonly StatsDimension[] = [
  'outcome',
  'situation_type',
  'age_band',
  'gender',
  'originating_sector',
  'first_contact',
  'days_open',
  'repeat',
];

/** Keys of the composite dimensions join their parts with this character: `12_15|alcohol`. */
export const STATS_KEY_SEPARATOR = '|';

/** The one key of `discussions`. */
export const DISCUSSIONS_KEY = 'all';
export const outcomeKeys = ['accepted', 'rejected'] as const;
/** `conclusion`: closed with the risk lowered, closed with it still elevated, or still open. */
export const conclusionKeys = ['risk_lowered', 'still_elevated', 'open'] as const;
/** `first_contact`, for accepted situations: within the table's clock (48 h by default), later, not yet. */
export const firstContactKeys = [
  'within_target',
  'after_target',
  'none',
  'not_applicable',
] as const;
/**
 * Whole days from the filter-2 decision to the first contact (`first_contact_days`) and to the
 * closure (`days_open`), in buckets wide enough that no exact day shows. `open` counts accepted
 * situations not closed yet; `not_applicable` rejected ones.
 */
export const firstContactDayBuckets = ['0', '1', '2', '3_7', '8_14', '15_30', '31_plus'] as const;
export const daysOpenBuckets = [
  '0_7',
  '8_14',
  '15_30',
  '31_60',
  '61_90',
  '91_180',
  '181_plus',
  'open',
  'not_applicable',
] as const;
export const repeatKeys = ['repeat', 'first'] as const;

/** The bucket of a whole number of days, for one of the two bucket lists above. */
export function dayBucketOf(days: number, buckets: readonly string[]): string {
  for (const bucket of buckets) {
    const [low, high] = bucket.split('_');
    if (low === undefined || !/^\d+$/.test(low)) continue;
    const from = Number(low);
    if (high === 'plus' ? days >= from : days >= from && days <= Number(high ?? low)) return bucket;
  }
  throw new RangeError(`no bucket for ${days} days`);
}

/** Year and month, `2026-03`. */
export const yearMonthSchema = text().regex(/^\d{4}-(0[1-9]|1[0-2])$/, {
  message: 'must be a month, YYYY-MM',
});
export const statsIntervals = ['month', 'quarter'] as const;
export const statsIntervalSchema = z.enum(statsIntervals);
export type StatsInterval = z.infer<typeof statsIntervalSchema>;

/** Months between two `YYYY-MM` values, counting both ends. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/** A query string value that may repeat (`?tableId=a&tableId=b`) arrives as a string or a list. */
const repeatable = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(item).max(200),
  );

export const statsSummaryQuerySchema = z
  .object({
    /** None means every table the person may read statistics of. */
    tableId: repeatable(idSchema),
    from: yearMonthSchema,
    to: yearMonthSchema,
    interval: statsIntervalSchema.default('month'),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'must not be before from' })
  .refine((q) => monthsBetween(q.from, q.to) <= STATS_MAX_MONTHS, {
    path: ['from'],
    message: `must be at most ${STATS_MAX_MONTHS} months before to`,
  });
export type StatsSummaryQuery = z.infer<typeof statsSummaryQuerySchema>;

/** A count as published: 0, a number at least the threshold, or `suppressed`. */
export const SUPPRESSED = 'suppressed' as const;
export const publishedCountSchema = z.union([z.number().int().min(0), z.literal(SUPPRESSED)]);
export type PublishedCount = z.infer<typeof publishedCountSchema>;

/** A share from 0 to 1 worked out from published counts only; null when they do not allow it. */
export const publishedShareSchema = z.number().min(0).max(1).nullable();

export const statsRowSchema = z.object({
  /** A code, a bucket, or for composite dimensions codes joined by STATS_KEY_SEPARATOR. */
  key: text().min(1).max(250),
  /** Over the whole window. */
  total: publishedCountSchema,
  /** One per period of the summary, in order. */
  periods: z.array(publishedCountSchema),
});
export type StatsRow = z.infer<typeof statsRowSchema>;

export const statsBreakdownSchema = z.object({
  dimension: statsDimensionSchema,
  /** Keys with a count anywhere in the window, in the code lists' order (pairs: most frequent first). */
  rows: z.array(statsRowSchema),
  /** For additive dimensions: the column totals (the discussions of each period); null otherwise. */
  periodTotals: z.array(publishedCountSchema).nullable(),
  total: publishedCountSchema.nullable(),
});
export type StatsBreakdown = z.infer<typeof statsBreakdownSchema>;

export const statsShareSchema = z.object({
  overall: publishedShareSchema,
  periods: z.array(publishedShareSchema),
});
/** A median as the bucket it falls in; null when suppressed counts leave it undetermined. */
export const statsMedianSchema = z.object({
  overall: text().nullable(),
  periods: z.array(text().nullable()),
});

export const statsSummarySchema = z.object({
  tables: z.array(z.object({ id: idSchema, name: text() })),
  from: yearMonthSchema,
  to: yearMonthSchema,
  interval: statsIntervalSchema,
  /** Labels of the periods, `2026-03` or `2026-Q1`. */
  periods: z.array(text()),
  threshold: z.number().int(),
  roundingBase: z.number().int(),
  breakdowns: z.array(statsBreakdownSchema),
  shares: z.object({
    /** Accepted as acutely elevated risk, of discussions. */
    accepted: statsShareSchema,
    /** First contact within the table's clock, of accepted situations with a first contact. */
    firstContactWithinTarget: statsShareSchema,
    /** Closed with the risk lowered, of closed situations. */
    riskLowered: statsShareSchema,
  }),
  medians: z.object({
    daysToFirstContact: statsMedianSchema,
    daysOpen: statsMedianSchema,
  }),
});
export type StatsSummary = z.infer<typeof statsSummarySchema>;

// Exports ---------------------------------------------------------------------------------------

export const exportPresets = ['fourfold', 'ontario_rtd'] as const;
export const exportPresetSchema = z.enum(exportPresets);
export type ExportPreset = z.infer<typeof exportPresetSchema>;

export const statsExportQuerySchema = z
  .object({
    tableId: repeatable(idSchema),
    from: yearMonthSchema,
    to: yearMonthSchema,
    preset: exportPresetSchema.default('fourfold'),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'must not be before from' })
  .refine((q) => monthsBetween(q.from, q.to) <= STATS_MAX_MONTHS, {
    path: ['from'],
    message: `must be at most ${STATS_MAX_MONTHS} months before to`,
  });
export type StatsExportQuery = z.infer<typeof statsExportQuerySchema>;

/**
 * The wider age bands an export falls back on when the narrow band leaves a group smaller than the
 * threshold. `multiple` and `unknown` stay as they are.
 */
export const wideAgeBands: Record<string, string> = {
  '0_5': '0_17',
  '6_11': '0_17',
  '12_15': '0_17',
  '16_17': '0_17',
  '18_24': '18_29',
  '25_29': '18_29',
  '30_39': '30_59',
  '40_59': '30_59',
  '60_plus': '60_plus',
  multiple: 'multiple',
  unknown: 'unknown',
};

/** One row of the de-identified record file (preset `fourfold`). */
export const exportRowSchema = z.object({
  table: text(),
  /** `2026-03`, `2026-Q1` or `2026`: as generalised for this row. */
  period: text(),
  situationType: codeSchema,
  /** A code of the age-band list, or one of the wide bands of `wideAgeBands`. */
  ageBand: text(),
  gender: codeSchema,
  outcome: z.enum(['accepted', 'rejected']),
  rejectionReason: codeSchema.nullable(),
  originatingSector: codeSchema.nullable(),
  leadSector: codeSchema.nullable(),
  assistingSectors: z.array(codeSchema),
  riskFactors: z.array(codeSchema),
  protectiveFactors: z.array(codeSchema),
  studyFlags: z.array(codeSchema),
  conclusionReason: codeSchema.nullable(),
  daysToFirstContact: z.number().int().min(0).nullable(),
  daysOpen: z.number().int().min(0).nullable(),
});
export type ExportRow = z.infer<typeof exportRowSchema>;

/** What an export says about itself at the end (the CSV's last comment line, the JSON's `notes`). */
export const exportNotesSchema = z.object({
  rows: z.number().int().min(0),
  generalisedPeriod: z.number().int().min(0),
  generalisedAgeBand: z.number().int().min(0),
  withheld: z.number().int().min(0),
  threshold: z.number().int(),
});
export type ExportNotes = z.infer<typeof exportNotesSchema>;
