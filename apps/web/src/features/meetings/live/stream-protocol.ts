/**
 * The live view's protocol, as pure functions the hook uses and unit tests check: what a message
 * of the stream means, which Last-Event-ID to send back, how long to wait before reconnecting,
 * and what to do about a refused connection.
 */
import type { EventSourceMessage } from 'eventsource-parser';
import { meetingEventSchema, type MeetingEvent } from '@fourfold/shared/meetings';
import {
  MEETING_STREAM_END,
  MEETING_STREAM_EVENT,
  meetingStreamEndSchema,
  type MeetingStreamEndReason,
} from '@fourfold/shared/meeting-stream';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'ended';

export type StreamMessage =
  | { kind: 'event'; event: MeetingEvent }
  | { kind: 'end'; reason: MeetingStreamEndReason }
  | { kind: 'ignored' };

/** A message of the stream, validated: anything unexpected is ignored rather than trusted. */
export function readMessage(message: EventSourceMessage): StreamMessage {
  let data: unknown;
  try {
    data = JSON.parse(message.data);
  } catch {
    return { kind: 'ignored' };
  }
  if (message.event === MEETING_STREAM_EVENT) {
    const event = meetingEventSchema.safeParse(data);
    return event.success ? { kind: 'event', event: event.data } : { kind: 'ignored' };
  }
  if (message.event === MEETING_STREAM_END) {
    const end = meetingStreamEndSchema.safeParse(data);
    return end.success ? { kind: 'end', reason: end.data.reason } : { kind: 'ignored' };
  }
  return { kind: 'ignored' };
}

/**
 * The Last-Event-ID to send when reconnecting: the highest sequence number seen. An event that
 * committed late can arrive after a higher one; going back to it would only replay duplicates.
 */
export function laterSeq(current: string | null, seq: string): string {
  if (current === null) return seq;
  return BigInt(seq) > BigInt(current) ? seq : current;
}

export const reconnectBackoff = { initialMs: 1_000, maxMs: 30_000 };

/**
 * How long to wait before reconnection attempt `attempt` (0 first): exponential from 1 s to 30 s,
 * with full jitter so that a room of screens cut off together does not reconnect together.
 * `random` is in [0, 1).
 */
export function reconnectDelay(attempt: number, random: number = Math.random()): number {
  const ceiling = Math.min(
    reconnectBackoff.maxMs,
    reconnectBackoff.initialMs * 2 ** Math.min(attempt, 10),
  );
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/**
 * What a refused connection means for the hook: renew the token (401, once), give up for good
 * (the meeting is gone or no longer visible; the request itself is wrong), or try again later.
 */
export function onRefusal(status: number): 'renew' | 'stop' | 'retry' {
  if (status === 401) return 'renew';
  if (status === 400 || status === 403 || status === 404) return 'stop';
  return 'retry';
}

/** The end reason a refusal stands for, once the hook stops. */
export function endReasonOfRefusal(status: number): MeetingStreamEndReason {
  if (status === 401) return 'session_ended';
  if (status === 403) return 'access_changed';
  return 'meeting_hidden';
}
