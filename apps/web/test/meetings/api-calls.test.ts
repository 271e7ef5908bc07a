// The meeting screen's calls: the route each one takes, and which version it sends as If-Match
// (the meeting's for meeting-level changes, the situation's for steps in the room).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getMeeting, versionTag } from '../../src/features/meetings/api/get-meeting';
import { openMeeting } from '../../src/features/meetings/api/open-meeting';
import { recordDecision } from '../../src/features/meetings/api/record-decision';
import { setAgendaOrder } from '../../src/features/meetings/api/set-agenda-order';
import { setAttendance } from '../../src/features/meetings/api/set-attendance';
import { setCurrentItem } from '../../src/features/meetings/api/set-current-item';
import { agency } from '../situations/fixtures';
import { itemId } from './fixtures';

const MEETING = '40000000-0000-4000-8000-000000000001';
const SITUATION = '20000000-0000-4000-8000-000000000001';

afterEach(() => {
  vi.unstubAllGlobals();
});

function stubFetch(body: unknown = {}, headers: Record<string, string> = {}) {
  const fetchMock = vi.fn(
    async (_url: string, _init: RequestInit) =>
      new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'content-type': 'application/json', ...headers },
      }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function sent(fetchMock: ReturnType<typeof stubFetch>) {
  const [url, init] = fetchMock.mock.calls[0] ?? [];
  const headers = (init?.headers ?? {}) as Record<string, string>;
  return {
    url,
    method: init?.method,
    ifMatch: headers['if-match'],
    body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
  };
}

describe('meeting API calls', () => {
  it('sends a filter-2 decision to the meeting route with the situation’s version', async () => {
    const fetchMock = stubFetch();
    await recordDecision(
      { meetingId: MEETING, situationId: SITUATION },
      { outcome: 'accepted' },
      versionTag(7),
    );
    expect(sent(fetchMock)).toEqual({
      url: `/api/meetings/${MEETING}/situations/${SITUATION}/decision`,
      method: 'POST',
      ifMatch: '"7"',
      body: { outcome: 'accepted' },
    });
  });

  it('reorders the agenda with the meeting’s ETag', async () => {
    const fetchMock = stubFetch();
    await setAgendaOrder(MEETING, { itemIds: [itemId(2), itemId(1)] }, '"3"');
    expect(sent(fetchMock)).toEqual({
      url: `/api/meetings/${MEETING}/agenda`,
      method: 'PUT',
      ifMatch: '"3"',
      body: { itemIds: [itemId(2), itemId(1)] },
    });
  });

  it('opens a meeting with the meeting’s ETag and an empty JSON body', async () => {
    const fetchMock = stubFetch();
    await openMeeting(MEETING, undefined, '"1"');
    expect(sent(fetchMock)).toEqual({
      url: `/api/meetings/${MEETING}/open`,
      method: 'POST',
      ifMatch: '"1"',
      body: {},
    });
  });

  it('records attendance and the current item without If-Match', async () => {
    const fetchMock = stubFetch();
    await setAttendance(
      MEETING,
      { entries: [{ agencyId: agency.police.id, status: 'present' }] },
      '"3"',
    );
    await setCurrentItem(MEETING, { itemId: null }, '"3"');
    expect(sent(fetchMock)).toMatchObject({
      url: `/api/meetings/${MEETING}/attendance`,
      method: 'PUT',
      ifMatch: undefined,
    });
    const [url, init] = fetchMock.mock.calls[1] ?? [];
    expect(url).toBe(`/api/meetings/${MEETING}/current-item`);
    expect((init?.headers as Record<string, string>)['if-match']).toBeUndefined();
  });

  it('refuses a meeting answer of the wrong shape', async () => {
    stubFetch({ id: MEETING }, { etag: '"3"' });
    await expect(getMeeting(MEETING)).rejects.toMatchObject({ code: 'INTERNAL_ERROR' });
  });
});
