/**
 * Optimistic concurrency over HTTP, shared by every versioned resource (situations, action
 * items, meetings): the ETag is the row's version as a strong tag `"<version>"`, and a write names the
 * version it was based on in If-Match (428 without it, 412 when it is no longer current).
 */
import { AppError } from './errors';

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

export const etagOf = (version: number) => `"${version}"`;

/** 428 when If-Match names no version, 412 (with the current ETag) when it names a stale one. */
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
