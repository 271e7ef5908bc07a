/**
 * A server-sent events client for tests, as the browser's hook works: fetch with the bearer token
 * against a real listening server, parsed with eventsource-parser. Also a meeting fixture and a
 * way to record a meeting event in a transaction of one's own.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { vi } from 'vitest';
import type { MeetingEventKind } from '@fourfold/shared/meetings';
import type { DB } from '../../src/db/schema';
import { recordMeetingEventIn } from '../../src/modules/meeting-events/meeting-events';

export type StreamClient = {
  status: number;
  headers: Headers;
  /** Every message received, in order (`event` is 'meeting' or 'end'). */
  messages: EventSourceMessage[];
  retry: number | null;
  comments: string[];
  /** Resolves when the server closed the stream (or the client did). */
  closed: Promise<void>;
  isClosed(): boolean;
  /** The problem body of a refused stream. */
  problem: Record<string, unknown> | null;
  close(): void;
  /** Waits until `count` meeting events arrived (1 s by default, the live view's promise). */
  waitForEvents(count: number, timeoutMs?: number): Promise<EventSourceMessage[]>;
  meetingEvents(): EventSourceMessage[];
};

export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  return `http://127.0.0.1:${address.port}`;
}

export async function openStream(
  baseUrl: string,
  meetingId: string,
  headers: Record<string, string> = {},
): Promise<StreamClient> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/meetings/${meetingId}/events`, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  const messages: EventSourceMessage[] = [];
  const comments: string[] = [];
  let retry: number | null = null;
  let closedFlag = false;
  let problem: Record<string, unknown> | null = null;
  let closed: Promise<void>;
  if (!response.ok || !response.body) {
    problem = (await response.json()) as Record<string, unknown>;
    closedFlag = true;
    closed = Promise.resolve();
  } else {
    const parser = createParser({
      onEvent: (message) => void messages.push(message),
      onRetry: (ms) => (retry = ms),
      onComment: (comment) => void comments.push(comment),
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    closed = (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parser.feed(value);
        }
      } catch {
        // Aborted by the client.
      } finally {
        closedFlag = true;
      }
    })();
  }
  const meetingEvents = () => messages.filter((m) => m.event === 'meeting');
  return {
    status: response.status,
    headers: response.headers,
    messages,
    comments,
    get retry() {
      return retry;
    },
    closed,
    isClosed: () => closedFlag,
    problem,
    close: () => controller.abort(),
    meetingEvents,
    async waitForEvents(count, timeoutMs = 1000) {
      await vi.waitFor(
        () => {
          if (meetingEvents().length < count) throw new Error(`${meetingEvents().length} events`);
        },
        { timeout: timeoutMs, interval: 10 },
      );
      return meetingEvents();
    },
  };
}

/** A meeting of the table, open by default (as when the room is in session). */
export async function createMeeting(
  db: Kysely<DB>,
  tableId: string,
  createdBy: string,
  status: 'scheduled' | 'open' = 'open',
) {
  return db
    .insertInto('meeting')
    .values({
      table_id: tableId,
      scheduled_for: new Date(),
      created_by: createdBy,
      status,
      opened_at: status === 'open' ? new Date() : null,
      opened_by: status === 'open' ? createdBy : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Records one event in a transaction of its own, as a write of the meeting screen would. */
export function recordEvent(db: Kysely<DB>, meetingId: string, kind: MeetingEventKind) {
  return db.transaction().execute((trx) => recordMeetingEventIn(trx, { meetingId, kind }));
}
