import { describe, expect, it } from 'vitest';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import {
  endReasonOfRefusal,
  laterSeq,
  onRefusal,
  readMessage,
  reconnectBackoff,
  reconnectDelay,
} from '../../src/features/meetings/live/stream-protocol';

const meetingId = '3f1f6c1e-8a4b-4c2a-9f3e-2b7d9c0a1e55';
const event = {
  seq: '42',
  meetingId,
  kind: 'decision.recorded',
  situationId: null,
  agendaItemId: null,
  at: '2026-11-30T05:00:00.000Z',
};

/** Parses a stream's text as the hook does. */
function parse(text: string): EventSourceMessage[] {
  const messages: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (m) => void messages.push(m) });
  // In two chunks cut mid-line, as the network delivers it.
  parser.feed(text.slice(0, 17));
  parser.feed(text.slice(17));
  return messages;
}

describe('readMessage', () => {
  it('reads a meeting event of the stream', () => {
    const [message] = parse(
      `retry: 2000\n\nid: 42\nevent: meeting\ndata: ${JSON.stringify(event)}\n\n`,
    );
    expect(message!.id).toBe('42');
    expect(readMessage(message!)).toEqual({ kind: 'event', event });
  });

  it('reads the end of the stream with its reason', () => {
    const [message] = parse(`: heartbeat\n\nevent: end\ndata: {"reason":"access_changed"}\n\n`);
    expect(readMessage(message!)).toEqual({ kind: 'end', reason: 'access_changed' });
  });

  it.each([
    ['an unknown event name', 'event: other\ndata: {}\n\n'],
    ['data that is not JSON', 'event: meeting\ndata: {oops\n\n'],
    [
      'an event of the wrong shape',
      `event: meeting\ndata: ${JSON.stringify({ ...event, seq: 'x' })}\n\n`,
    ],
    [
      'an event with an unknown kind',
      `event: meeting\ndata: ${JSON.stringify({ ...event, kind: 'drop.tables' })}\n\n`,
    ],
    ['an unknown end reason', 'event: end\ndata: {"reason":"bored"}\n\n'],
  ])('ignores %s', (_, text) => {
    const [message] = parse(text);
    expect(readMessage(message!)).toEqual({ kind: 'ignored' });
  });
});

describe('laterSeq', () => {
  it('keeps the highest sequence number, compared as numbers beyond 2^53', () => {
    expect(laterSeq(null, '7')).toBe('7');
    expect(laterSeq('7', '10')).toBe('10');
    expect(laterSeq('10', '9')).toBe('10');
    expect(laterSeq('9007199254740993', '9007199254740992')).toBe('9007199254740993');
  });
});

describe('reconnectDelay', () => {
  it('grows exponentially from 1 s to at most 30 s', () => {
    expect(reconnectDelay(0, 1 - Number.EPSILON)).toBeLessThanOrEqual(1000);
    expect(reconnectDelay(1, 0)).toBe(1000);
    expect(reconnectDelay(2, 0)).toBe(2000);
    expect(reconnectDelay(3, 0.999)).toBeLessThanOrEqual(8000);
    expect(reconnectDelay(50, 0.999)).toBeLessThanOrEqual(reconnectBackoff.maxMs);
    expect(reconnectDelay(50, 0)).toBe(reconnectBackoff.maxMs / 2);
  });

  it('jitters between half the ceiling and the ceiling', () => {
    const delays = [0, 0.25, 0.5, 0.75, 0.999].map((r) => reconnectDelay(4, r));
    expect(new Set(delays).size).toBe(delays.length);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(8000);
      expect(delay).toBeLessThanOrEqual(16000);
    }
  });
});

describe('refusals', () => {
  it('renews the token on 401, stops on 400/403/404, retries on 429 and 5xx', () => {
    expect(onRefusal(401)).toBe('renew');
    expect([400, 403, 404].map(onRefusal)).toEqual(['stop', 'stop', 'stop']);
    expect([429, 500, 502, 503].map(onRefusal)).toEqual(['retry', 'retry', 'retry', 'retry']);
  });

  it('says why the view stopped', () => {
    expect(endReasonOfRefusal(401)).toBe('session_ended');
    expect(endReasonOfRefusal(403)).toBe('access_changed');
    expect(endReasonOfRefusal(404)).toBe('meeting_hidden');
  });
});
