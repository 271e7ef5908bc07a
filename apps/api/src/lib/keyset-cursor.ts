/**
 * The opaque cursor of a keyset-paginated list: the last row's timestamp (as PostgreSQL prints
 * `timestamptz::text`, so no precision is lost) and its id, base64url-encoded JSON. A cursor is
 * input like any other: decoding checks that it names a real instant and a canonical id, so a
 * forged one is refused (422) before it reaches a query.
 */
import { idSchema } from '@fourfold/shared/input';

export type KeysetPosition = { at: string; id: string };

const PG_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?(?:Z|[+-](\d{2})(?::?(\d{2}))?)$/;

/** A timestamp PostgreSQL prints for `timestamptz::text`, and a real instant (no 30 February). */
export function isTimestamp(value: string): boolean {
  const match = PG_TIMESTAMP.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = match
    .slice(1)
    .map((part) => (part === undefined ? 0 : Number(part))) as number[];
  const date = new Date(Date.UTC(year!, month! - 1, day!));
  return (
    year! >= 1970 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month! - 1 &&
    date.getUTCDate() === day &&
    hour! < 24 &&
    minute! < 60 &&
    second! < 60 &&
    offsetHours! < 16 &&
    offsetMinutes! < 60
  );
}

export function encodeKeysetCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.at, position.id])).toString('base64url');
}

/** The position a cursor names, or null when it is not a cursor this API could have made. */
export function decodeKeysetCursor(cursor: string): KeysetPosition | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      isTimestamp(value[0]) &&
      idSchema.safeParse(value[1]).success
    ) {
      return { at: value[0], id: idSchema.parse(value[1]) };
    }
  } catch {
    // Not base64url JSON: refused below like any other malformed cursor.
  }
  return null;
}
