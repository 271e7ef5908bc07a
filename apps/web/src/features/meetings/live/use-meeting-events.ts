/**
 * useMeetingEvents(meetingId): follows a meeting live. Server-sent events over fetch (the native
 * EventSource cannot send the bearer token), parsed with eventsource-parser. Each event carries
 * ids only; the hook invalidates the meeting's queries, so the screen re-reads through the API and
 * its access policy. It reconnects with exponential backoff and jitter, sending Last-Event-ID so
 * the server replays what was missed; renews the access token once on a 401 or when the stream
 * ends with `session_ended` (the token expired); and stops for good when the person's access
 * changed or the meeting is hidden. Aborts on unmount.
 */
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { createParser } from 'eventsource-parser';
import { LAST_EVENT_ID_HEADER, type MeetingStreamEndReason } from '@fourfold/shared/meeting-stream';
import { credentialHeaders, renewCredentials } from '../../../lib/api-client';
import { situationKeys } from '../../situations/api/query-keys';
import { meetingKeys } from '../api/query-keys';
import {
  endReasonOfRefusal,
  laterSeq,
  onRefusal,
  readMessage,
  reconnectDelay,
  type LiveStatus,
} from './stream-protocol';

/** Every situation's detail and what sits under it (its action items, report-backs, notes). */
const situationDetails = [...situationKeys.all, 'detail'] as const;

export type MeetingEventsState = { status: LiveStatus; endReason?: MeetingStreamEndReason };

/** How one connection ended. */
type Outcome =
  | { kind: 'dropped' }
  | { kind: 'ended'; reason: MeetingStreamEndReason }
  | { kind: 'refused'; status: number };

export function useMeetingEvents(meetingId: string): MeetingEventsState {
  const queryClient = useQueryClient();
  // Tagged with its meeting, so that another meeting starts out 'connecting' without a reset.
  const [tagged, setTagged] = useState<MeetingEventsState & { meetingId: string }>({
    meetingId,
    status: 'connecting',
  });

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    let lastEventId: string | null = null;
    let connections = 0;
    const setState = (next: MeetingEventsState) => setTagged({ ...next, meetingId });

    /**
     * The situation's own lists (action items, report-backs) sit under its detail key, outside
     * the meeting's: without this, a report-back recorded in the room would reach the other
     * screens only as a line in "Recorded in this meeting". After a gap (no situation named),
     * every situation shown may have changed.
     */
    const refresh = (situationId: string | null) => {
      void queryClient.invalidateQueries({ queryKey: meetingKeys.detail(meetingId) });
      void queryClient.invalidateQueries({ queryKey: meetingKeys.minutes(meetingId) });
      void queryClient.invalidateQueries({
        queryKey: situationId ? situationKeys.detail(situationId) : situationDetails,
      });
    };

    const pause = (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        signal.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            resolve();
          },
          { once: true },
        );
      });

    async function connect(): Promise<Outcome> {
      const headers: Record<string, string> = {
        accept: 'text/event-stream',
        ...(await credentialHeaders()),
      };
      if (lastEventId !== null) headers[LAST_EVENT_ID_HEADER] = lastEventId;
      const response = await fetch(`/api/meetings/${encodeURIComponent(meetingId)}/events`, {
        headers,
        signal,
        cache: 'no-store',
        credentials: 'same-origin',
      });
      if (!response.ok || !response.body) {
        await response.body?.cancel();
        return { kind: 'refused', status: response.status };
      }
      connections += 1;
      setState({ status: 'live' });
      // Changes made while no stream was open (and, without a Last-Event-ID, not replayed).
      if (connections > 1) refresh(null);
      let ended: MeetingStreamEndReason | null = null;
      const parser = createParser({
        onEvent(message) {
          const read = readMessage(message);
          if (read.kind === 'event') {
            lastEventId = laterSeq(lastEventId, read.event.seq);
            refresh(read.event.situationId);
          } else if (read.kind === 'end') {
            ended = read.reason;
          }
        },
      });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.feed(value);
      }
      return ended === null ? { kind: 'dropped' } : { kind: 'ended', reason: ended };
    }

    async function follow() {
      let attempt = 0;
      let renewed = false;
      while (!signal.aborted) {
        let outcome: Outcome;
        try {
          outcome = await connect();
        } catch {
          if (signal.aborted) return;
          outcome = { kind: 'dropped' };
        }
        if (signal.aborted) return;
        const wasLive = outcome.kind !== 'refused';
        if (wasLive) {
          attempt = 0;
          renewed = false;
        }
        const needsToken =
          (outcome.kind === 'ended' && outcome.reason === 'session_ended') ||
          (outcome.kind === 'refused' && onRefusal(outcome.status) === 'renew');
        if (needsToken) {
          // Once per connection: a second refusal after a renewal means the session is over.
          if (!renewed && (renewed = true) && (await renewCredentials())) continue;
          setState({ status: 'ended', endReason: 'session_ended' });
          return;
        }
        if (outcome.kind === 'ended') {
          setState({ status: 'ended', endReason: outcome.reason });
          return;
        }
        if (outcome.kind === 'refused' && onRefusal(outcome.status) === 'stop') {
          setState({ status: 'ended', endReason: endReasonOfRefusal(outcome.status) });
          return;
        }
        setState({ status: 'reconnecting' });
        await pause(reconnectDelay(attempt));
        attempt += 1;
      }
    }

    void follow();
    return () => controller.abort();
  }, [meetingId, queryClient]);

  if (tagged.meetingId !== meetingId) return { status: 'connecting' };
  const { meetingId: _meeting, ...state } = tagged;
  return state;
}
