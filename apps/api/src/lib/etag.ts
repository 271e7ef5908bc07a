/**
 * Optimistic concurrency for every versioned resource (situations, meetings): the ETag is the
 * strong tag `"<version>"`, and a write must name the version it was based on in If-Match
 * (428 without, 412 when another change came first, with the current ETag).
 */
import { AppError } from './errors';

export const etagOf = (version: number) => `"${version}"`;

/**
 * The versions an If-Match header names: strong entity tags `"<version>"`, comma-separated. Weak
 * tags and `*` name no version (a write must say which version it was based on).
 */
export function versionsIn(ifMatch: string | undefined): number[] {
  if (!ifMatch) return [];
  return ifMatch
    .split(',')
    .map((tag) => /^\s*"(\d{1,9})"\s*$/.exec(tag)?.[1])
    .filter((version): version is string => version !== undefined)
    .map(Number);
}

/** Refuses a write whose If-Match does not name `current`; `what` names the resource. */
export function requireIfMatch(current: number, ifMatch: string | undefined, what: string) {
  const versions = versionsIn(ifMatch);
  if (versions.length === 0) {
    throw new AppError(
      'PRECONDITION_REQUIRED',
      `Send the ETag of the ${what} you based this change on in If-Match.`,
    );
  }
  if (!versions.includes(current)) {
    throw new AppError(
      'PRECONDITION_FAILED',
      `The ${what} has changed since you loaded it. Reload it and try again.`,
      { headers: { etag: etagOf(current) } },
    );
  }
}
