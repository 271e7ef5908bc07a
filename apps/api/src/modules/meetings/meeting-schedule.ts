/**
 * When a table's weekly meetings fall: its meeting day and time are wall-clock values in the
 * table's time zone, so a 10:00 meeting stays at 10:00 across a daylight-saving change (its UTC
 * instant moves). Pure functions over luxon, which carries the IANA zone rules.
 */
import { DateTime } from 'luxon';

export type WeeklySlot = {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** HH:MM or HH:MM:SS, as PostgreSQL prints a `time`. */
  time: string;
  timeZone: string;
};

/** The local date (yyyy-MM-dd) of an instant in a time zone. */
export function localDateOf(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toISODate()!;
}

/**
 * The next `count` meeting instants strictly after `after`, skipping local dates in `taken`
 * (days that already have a meeting). A wall-clock time that does not exist that day (the hour
 * skipped by a spring-forward change) moves forward, as luxon does.
 */
export function nextWeeklyMeetings(
  slot: WeeklySlot,
  after: Date,
  count: number,
  taken: ReadonlySet<string>,
): Date[] {
  const [hour, minute] = slot.time.split(':').map(Number) as [number, number];
  const start = DateTime.fromJSDate(after, { zone: slot.timeZone });
  if (!start.isValid) throw new Error('The table has an unknown time zone.');
  let day = start.startOf('day').plus({ days: (slot.weekday - start.weekday + 7) % 7 });
  const at = (date: DateTime) =>
    DateTime.fromObject(
      { year: date.year, month: date.month, day: date.day, hour, minute },
      { zone: slot.timeZone },
    );
  if (at(day) <= start) day = day.plus({ weeks: 1 });
  const instants: Date[] = [];
  while (instants.length < count) {
    if (!taken.has(day.toISODate()!)) instants.push(at(day).toJSDate());
    day = day.plus({ weeks: 1 });
  }
  return instants;
}
