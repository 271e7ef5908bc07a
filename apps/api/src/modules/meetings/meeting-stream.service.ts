/**
 * The live view across processes: GET /api/meetings/:id/events streams a meeting's events to
 * everyone who has the meeting open.
 *
 * Events originate in PostgreSQL only. A write records its event in `meeting_event` and NOTIFYs
 * `meeting_event` in its own transaction (meeting-events.ts); this process LISTENs once and routes
 * each notification to the streams of that meeting, which read the rows after the last sequence
 * number they sent. The in-memory map routes notifications; it never holds or invents an event.
 * So a write made through any process reaches the streams of every process, a stream that
 * reconnects (Last-Event-ID) or a listener that lost its connection (database restart) catches up
 * from the table, and an event of a rolled-back transaction never exists.
 *
 * An event carries ids only; before sending, and on every heartbeat, a stream checks that its
 * access token's session still stands (the authentication plugin's own check, actorFor) and that
 * the person may still view the meeting, and ends with a reason when not.
 */
import { decide, type Actor, type TableSubject } from '@fourfold/shared/access-policy';
import { meetingEventSchema, type MeetingEvent } from '@fourfold/shared/meetings';
import {
  MEETING_STREAM_END,
  MEETING_STREAM_EVENT,
  MEETING_STREAM_RETRY_MS,
  meetingStreamEndSchema,
  type MeetingStreamEndReason,
} from '@fourfold/shared/meeting-stream';
import type { FastifyBaseLogger } from 'fastify';
import type { DatabaseHandle } from '../../db/database';
import type { Unsubscribe } from '../../db/notifications';
import { authorize } from '../../lib/access';
import { isDatabaseUnavailable } from '../../lib/database-errors';
import { AppError, notFound } from '../../lib/errors';
import { iso } from '../../lib/iso';
import type { AccessTokenClaims, AuthService } from '../auth/auth.service';
import { findActiveTable } from '../tables/tables.service';
import { MEETING_EVENT_CHANNEL } from '../meeting-events/meeting-events';
import * as repo from './meeting-stream.repository';

export type MeetingStreamLimits = {
  /** Open streams per person (several tabs, a phone): more answer 429. */
  perUser: number;
  /** Open streams per process: more answer 503, and the load balancer sends the next elsewhere. */
  perProcess: number;
  /** A comment line this often keeps proxies from closing an idle stream, and re-checks access. */
  heartbeatMs: number;
};

export const defaultStreamLimits: MeetingStreamLimits = {
  perUser: 5,
  perProcess: 1000,
  heartbeatMs: 15_000,
};

/** Events read per query while catching up. */
const BATCH = 100;
/**
 * How far back a stream looks for events that committed after one with a higher sequence number
 * was sent: longer than a write transaction may last (statement and idle-in-transaction limits).
 */
const LATE_COMMIT_SECONDS = 60;
/** A client that reads slower than this much buffered output is cut off; it reconnects later. */
const MAX_BUFFERED_BYTES = 1_048_576;

/** Where a stream writes: the raw response of a hijacked reply. */
export type StreamSink = {
  write(chunk: string): boolean;
  end(): void;
  readonly writableLength: number;
};

export type MeetingStream = {
  /** Writes the opening lines and whatever was missed, then follows the meeting. */
  start(sink: StreamSink): void;
  /** The client went away: forget the stream (no end message). */
  dispose(): void;
};

type Stream = {
  readonly meetingId: string;
  readonly userId: string;
  readonly claims: AccessTokenClaims;
  /** Every event up to here is sent (or was older than the stream). */
  cursor: string;
  /** Sequence numbers at or below the cursor already sent or known, with when they were noted. */
  known: Map<string, number>;
  sink: StreamSink | null;
  pumping: boolean;
  again: boolean;
  done: boolean;
  timers: NodeJS.Timeout[];
};

export type MeetingStreamsDeps = {
  database: DatabaseHandle;
  authService: Pick<AuthService, 'actorFor' | 'currentActorFor'>;
  log: FastifyBaseLogger;
  limits?: Partial<MeetingStreamLimits>;
};

export function createMeetingStreams({ database, authService, log, limits }: MeetingStreamsDeps) {
  const { db } = database;
  const settings = { ...defaultStreamLimits, ...limits };
  const byMeeting = new Map<string, Set<Stream>>();
  let count = 0;
  let subscription: Promise<Unsubscribe> | null = null;
  let stopReconnect: (() => void) | null = null;
  let closed = false;

  /** The one LISTEN of this process, made by the first stream and kept until close. */
  async function subscribe(): Promise<void> {
    subscription ??= database.listen(MEETING_EVENT_CHANNEL, onNotification);
    try {
      await subscription;
    } catch (error) {
      // Not subscribed (the database is away): the next stream tries again.
      subscription = null;
      throw error;
    }
    // Notifications sent while the listening connection was down are lost: read the tables.
    stopReconnect ??= database.onReconnect(() => {
      for (const streams of byMeeting.values()) for (const stream of streams) void pump(stream);
    });
  }

  function onNotification(payload: string): void {
    let meetingId: unknown;
    try {
      meetingId = (JSON.parse(payload) as { meetingId?: unknown }).meetingId;
    } catch {
      return;
    }
    if (typeof meetingId !== 'string') return;
    for (const stream of byMeeting.get(meetingId) ?? []) void pump(stream);
  }

  function tableSubject(tableId: string, requiresSecondFactor: boolean): TableSubject {
    return { kind: 'table', tableId, requiresSecondFactor };
  }

  /**
   * Why the stream may no longer run, or null while it may: the same check of the token as every
   * request (actorFor), then meeting.view on the meeting's table with the memberships read now.
   */
  async function refusal(stream: Stream): Promise<MeetingStreamEndReason | null> {
    const actor = await authService.actorFor(stream.claims);
    if (actor) return viewRefusal(actor, stream.meetingId);
    // A moved epoch (memberships changed) ends the token too; say whether the change took the
    // meeting away, so that the client does not reconnect only to be refused.
    const current = await authService.currentActorFor(stream.claims);
    if (!current) return 'session_ended';
    return (await viewRefusal(current, stream.meetingId)) ?? 'session_ended';
  }

  async function viewRefusal(
    actor: Actor,
    meetingId: string,
  ): Promise<MeetingStreamEndReason | null> {
    const meeting = await repo.findMeetingTable(db, meetingId);
    const table = meeting && (await findActiveTable(db, meeting.tableId));
    if (!meeting || !table) return 'meeting_hidden';
    const subject = tableSubject(table.id, table.requires_second_factor);
    return decide(actor, 'meeting.view', subject).allowed ? null : 'access_changed';
  }

  function send(stream: Stream, text: string): void {
    if (!stream.sink || stream.done) return;
    stream.sink.write(text);
    // A reader that stopped reading: cut it off rather than buffer without bound.
    if (stream.sink.writableLength > MAX_BUFFERED_BYTES) finish(stream, null);
  }

  function sendEvent(stream: Stream, row: repo.MeetingEventRow): void {
    const event = meetingEventSchema.safeParse({
      seq: String(row.seq),
      meetingId: row.meeting_id,
      kind: row.kind,
      situationId: row.situation_id,
      agendaItemId: row.agenda_item_id,
      at: iso(row.created_at),
    } satisfies Record<keyof MeetingEvent, unknown>);
    if (!event.success) {
      log.error({ seq: String(row.seq) }, 'meeting event of an unknown shape not sent');
      return;
    }
    send(
      stream,
      `id: ${event.data.seq}\nevent: ${MEETING_STREAM_EVENT}\ndata: ${JSON.stringify(event.data)}\n\n`,
    );
  }

  /**
   * Re-checks access, then sends every event the stream has not sent, in order. One pump per
   * stream at a time; a notification during a pump makes it go round once more.
   */
  async function pump(stream: Stream): Promise<void> {
    if (stream.done || !stream.sink) return;
    if (stream.pumping) {
      stream.again = true;
      return;
    }
    stream.pumping = true;
    try {
      do {
        stream.again = false;
        const reason = await refusal(stream);
        if (stream.done) return;
        if (reason) {
          finish(stream, reason);
          return;
        }
        const now = Date.now();
        for (const [seq, at] of stream.known) {
          if (now - at > LATE_COMMIT_SECONDS * 2_000) stream.known.delete(seq);
        }
        const late = await repo.recentEventsUpTo(
          db,
          stream.meetingId,
          stream.cursor,
          LATE_COMMIT_SECONDS,
        );
        for (const row of late) {
          if (stream.done) return;
          if (stream.known.has(row.seq)) continue;
          stream.known.set(row.seq, now);
          sendEvent(stream, row);
        }
        let rows: repo.MeetingEventRow[];
        do {
          rows = await repo.eventsAfter(db, stream.meetingId, stream.cursor, BATCH);
          for (const row of rows) {
            if (stream.done) return;
            sendEvent(stream, row);
            stream.cursor = row.seq;
            stream.known.set(row.seq, now);
          }
        } while (rows.length === BATCH);
      } while (stream.again && !stream.done);
    } catch (error) {
      // The database went away mid-stream: keep the stream; the next heartbeat or the listener's
      // reconnection catches up.
      if (!isDatabaseUnavailable(error)) {
        log.error({ err: { type: (error as Error)?.name } }, 'meeting stream could not catch up');
      }
    } finally {
      stream.pumping = false;
    }
  }

  /** Ends a stream: with a reason the client is told not to retry as it is; null just closes. */
  function finish(stream: Stream, reason: MeetingStreamEndReason | null): void {
    if (stream.done) return;
    if (reason && stream.sink) {
      const end = meetingStreamEndSchema.parse({ reason });
      stream.sink.write(`event: ${MEETING_STREAM_END}\ndata: ${JSON.stringify(end)}\n\n`);
    }
    forget(stream);
    stream.sink?.end();
  }

  function forget(stream: Stream): void {
    if (stream.done) return;
    stream.done = true;
    for (const timer of stream.timers) clearTimeout(timer);
    stream.timers = [];
    const streams = byMeeting.get(stream.meetingId);
    if (streams?.delete(stream)) count -= 1;
    if (streams?.size === 0) byMeeting.delete(stream.meetingId);
  }

  function streamsOf(userId: string): number {
    let n = 0;
    for (const streams of byMeeting.values()) {
      for (const stream of streams) if (stream.userId === userId) n += 1;
    }
    return n;
  }

  return {
    /**
     * Everything that can refuse the stream, before a byte of it is written: the meeting and the
     * person's access (404 hidden, 403…), the limits (429, 503), and the database (503). The
     * stream is counted from here, so that concurrent requests cannot pass the limits together.
     */
    async open(input: {
      actor: Actor;
      claims: AccessTokenClaims;
      /** When the access token expires (seconds since the epoch). */
      expiresAt: number;
      meetingId: string;
      lastEventId: string | undefined;
    }): Promise<MeetingStream> {
      if (closed) throw new AppError('SERVICE_UNAVAILABLE');
      const meeting = await repo.findMeetingTable(db, input.meetingId);
      const table = meeting && (await findActiveTable(db, meeting.tableId));
      if (!meeting || !table) throw notFound();
      authorize(input.actor, 'meeting.view', tableSubject(table.id, table.requires_second_factor));
      await subscribe();
      // After LISTEN is in place: anything committed from now on is both notified and read.
      const cursor = input.lastEventId ?? (await repo.latestSeq(db, input.meetingId));
      const recent = await repo.recentEventsUpTo(db, input.meetingId, cursor, LATE_COMMIT_SECONDS);
      if (count >= settings.perProcess) {
        throw new AppError('SERVICE_UNAVAILABLE', 'Too many live views on this server.');
      }
      if (streamsOf(input.actor.userId) >= settings.perUser) {
        throw new AppError('RATE_LIMITED', 'Too many live views open; close one first.');
      }
      const now = Date.now();
      const stream: Stream = {
        meetingId: input.meetingId,
        userId: input.actor.userId,
        claims: input.claims,
        cursor,
        known: new Map(recent.map((row) => [row.seq, now])),
        sink: null,
        pumping: false,
        again: false,
        done: false,
        timers: [],
      };
      let streams = byMeeting.get(input.meetingId);
      if (!streams) byMeeting.set(input.meetingId, (streams = new Set()));
      streams.add(stream);
      count += 1;

      return {
        start(sink) {
          if (stream.done) return;
          stream.sink = sink;
          sink.write(`retry: ${MEETING_STREAM_RETRY_MS}\n\n`);
          const heartbeat = setInterval(() => {
            send(stream, ': heartbeat\n\n');
            void pump(stream);
          }, settings.heartbeatMs);
          const expiry = setTimeout(
            () => finish(stream, 'session_ended'),
            Math.max(0, input.expiresAt * 1000 - Date.now()),
          );
          stream.timers.push(heartbeat, expiry);
          // What was missed (Last-Event-ID), and anything committed since the cursor was read.
          void pump(stream);
        },
        dispose: () => forget(stream),
      };
    },

    /** How many streams this process holds (for tests and readiness). */
    size: () => count,

    /** On app close: end every stream (clients reconnect, to another process) and stop listening. */
    async close(): Promise<void> {
      closed = true;
      for (const streams of [...byMeeting.values()]) {
        for (const stream of [...streams]) finish(stream, null);
      }
      stopReconnect?.();
      const pending = subscription;
      subscription = null;
      if (pending) await (await pending.catch(() => null))?.().catch(() => {});
    },
  };
}

export type MeetingStreams = ReturnType<typeof createMeetingStreams>;
