/**
 * The opaque cursor of the situation list. It names the last row's sort value and id, and also
 * the sort, the order and a fingerprint of the filters it was made with: keyset positions mean
 * nothing under another order or another set of rows, so a cursor used with different filters or
 * sort is refused (400) rather than silently skipping or repeating situations.
 */
import { createHash } from 'node:crypto';
import { idSchema } from '@fourfold/shared/input';
import { situationSortKeys, type SituationSortKey } from '@fourfold/shared/situations';
import { isTimestamp } from '../../lib/keyset-cursor';
import type { InvalidParam } from '@fourfold/shared/problem';
import type {
  ListPosition,
  SituationListFilters,
  SituationListSort,
} from './situations.repository';

/** A reference as the database holds it (RIV-2026-0001); the cursor names nothing else. */
const REFERENCE_VALUE = /^[A-Z0-9-]{1,40}$/;

/**
 * A short digest of the filters: equal for the same filters whatever order the query string gave
 * them in. The search text is compared as matched (case-insensitively, trimmed).
 */
export function filterFingerprint(filters: SituationListFilters): string {
  const canonical = JSON.stringify([
    filters.stage ?? null,
    filters.q?.toLowerCase() ?? null,
    filters.originatingAgencyId ?? null,
    filters.leadAgencyId ?? null,
    filters.overdue === true,
    filters.createdFrom ?? null,
    filters.createdTo ?? null,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('base64url').slice(0, 16);
}

export function encodeListCursor(
  sort: SituationListSort,
  fingerprint: string,
  position: ListPosition,
): string {
  return Buffer.from(
    JSON.stringify([sort.key, sort.order, fingerprint, position.value, position.id]),
  ).toString('base64url');
}

const valueFits = (key: SituationSortKey, value: unknown): value is string | null => {
  if (value === null) return key === 'firstContactDue';
  if (typeof value !== 'string') return false;
  return key === 'reference' ? REFERENCE_VALUE.test(value) : isTimestamp(value);
};

/**
 * The position a cursor names, when it was made by this list with the same sort and filters;
 * otherwise the reason it is refused, as an invalid parameter.
 */
export function decodeListCursor(
  cursor: string,
  sort: SituationListSort,
  fingerprint: string,
): { position: ListPosition } | { invalid: InvalidParam } {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (
    !Array.isArray(value) ||
    value.length !== 5 ||
    !situationSortKeys.includes(value[0]) ||
    (value[1] !== 'asc' && value[1] !== 'desc') ||
    typeof value[2] !== 'string' ||
    !valueFits(value[0] as SituationSortKey, value[3]) ||
    !idSchema.safeParse(value[4]).success
  ) {
    return {
      invalid: { in: 'query', path: 'cursor', message: 'is not a cursor returned by this list' },
    };
  }
  if (value[0] !== sort.key || value[1] !== sort.order || value[2] !== fingerprint) {
    return {
      invalid: {
        in: 'query',
        path: 'cursor',
        message: 'was returned for other filters or another sort; start again from the first page',
      },
    };
  }
  return { position: { value: value[3] as string | null, id: idSchema.parse(value[4]) } };
}
