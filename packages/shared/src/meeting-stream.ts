/**
 * The live view's wire format besides the events themselves (meetingEventSchema in meetings.ts):
 * the reconnecting client's `Last-Event-ID` header and the stream's closing message. The stream
 * (GET /api/meetings/:id/events) sends `retry: 2000` first, then `id: <seq>` / `event: meeting` /
 * `data: <MeetingEvent>` per event, comments as heartbeats, and finally `event: end` /
 * `data: <MeetingStreamEnd>` before it closes.
 */
import { z } from 'zod';
import { meetingStreamEndReasons } from './meetings';
import { text } from './input';

const BIGINT_MAX = 9_223_372_036_854_775_807n;

export const LAST_EVENT_ID_HEADER = 'last-event-id';

/** A sequence number as the stream sends it: digits only, at most 19 (a PostgreSQL bigint). */
export const eventSeqSchema = text()
  .regex(/^\d{1,19}$/, 'A sequence number: 1 to 19 digits.')
  // Nineteen digits can exceed a bigint; the database would refuse the comparison with an error.
  .refine(
    (value) => !/^\d+$/.test(value) || BigInt(value) <= BIGINT_MAX,
    'A sequence number: at most 2^63 - 1.',
  );

export const meetingStreamHeadersSchema = z.object({
  [LAST_EVENT_ID_HEADER]: eventSeqSchema.optional(),
});

export const meetingStreamEndReasonSchema = z.enum(meetingStreamEndReasons);
export type MeetingStreamEndReason = z.infer<typeof meetingStreamEndReasonSchema>;

export const meetingStreamEndSchema = z
  .object({ reason: meetingStreamEndReasonSchema })
  .meta({ id: 'MeetingStreamEnd' });
export type MeetingStreamEnd = z.infer<typeof meetingStreamEndSchema>;

/** The SSE event names the stream uses. */
export const MEETING_STREAM_EVENT = 'meeting';
export const MEETING_STREAM_END = 'end';
/** What the client waits before reconnecting when the stream drops (the `retry:` line). */
export const MEETING_STREAM_RETRY_MS = 2000;
