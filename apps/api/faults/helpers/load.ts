/**
 * A write load through the API: concurrent clients, each signed in as a demo agency
 * representative, creating drafts and editing them (with If-Match, as the web app does). Every
 * request is recorded with its timing, status and, for writes acknowledged with 2xx, the request
 * id and the situation's id and version, so the suite can check afterwards that each is stored.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export const DEMO_PASSWORD = 'fourfold-demo-2026';

/** Demo agency representatives; each is a member of one table and may start situations there. */
export const DEMO_WRITERS = [
  'police@riverside.demo',
  'mentalhealth@riverside.demo',
  'cas@riverside.demo',
  'school@riverside.demo',
  'housing@riverside.demo',
  'hospital@riverside.demo',
  'police@northgate.demo',
];

export type Session = { token: string; tableId: string };

export type RequestRecord = {
  kind: 'create' | 'edit' | 'refresh';
  started: number;
  ended: number;
  /** 0: no HTTP answer at all (connection refused or reset, or the 10 s client timeout). */
  status: number;
  code?: string;
  requestId?: string;
  situationId?: string;
  version?: number;
};

export async function signIn(baseUrl: string, email: string): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    signal: AbortSignal.timeout(30_000),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${email} answered ${res.status}`);
  const body = (await res.json()) as {
    accessToken: string;
    me: { memberships: Array<{ table: { id: string } }> };
  };
  const tableId = body.me.memberships[0]?.table.id;
  if (!tableId) throw new Error(`${email} sits at no table`);
  return { token: body.accessToken, tableId };
}

// Lower case and without digits, so the personal-data guard finds nothing in them.
const SUMMARIES = [
  'young adult making escalating threats at home; recently lost housing.',
  'young adult making escalating threats at home; now sleeping at a shelter.',
  'young adult making escalating threats at home; school reports absences.',
];

function draft(revision: number) {
  return {
    situationType: 'individual',
    ageBand: '18_24',
    gender: 'female',
    riskFactors: ['alcohol.abuse', 'antisocial.threats'],
    protectiveFactors: ['supportive_family'],
    studyFlags: [],
    summary: SUMMARIES[revision % SUMMARIES.length],
    filter1: {
      agencyExhaustedOptions: true,
      significantInterest: true,
      probabilityOfHarm: true,
      severityOfHarm: true,
      multipleAgenciesNeeded: true,
    },
  };
}

type Answer = { status: number; code?: string; requestId?: string; body?: unknown; etag?: string };

async function call(
  baseUrl: string,
  session: Session,
  method: string,
  path: string,
  body?: unknown,
  ifMatch?: string,
): Promise<Answer> {
  try {
    const res = await fetch(`${baseUrl}/api${path}`, {
      method,
      headers: {
        authorization: `Bearer ${session.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(ifMatch ? { 'if-match': ifMatch } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const json = (await res.json().catch(() => undefined)) as { code?: string } | undefined;
    return {
      status: res.status,
      code: res.ok ? undefined : json?.code,
      requestId: res.headers.get('x-request-id') ?? undefined,
      body: json,
      etag: res.headers.get('etag') ?? undefined,
    };
  } catch {
    return { status: 0 };
  }
}

/**
 * Runs `clients` concurrent clients until `end.at` (epoch ms). Each starts a draft, edits it a few
 * times, then starts another. A failed edit re-reads the draft for its current ETag (the failed
 * request may have been committed before its answer was lost).
 */
export async function runWriteLoad(options: {
  baseUrl: string;
  sessions: Session[];
  clients: number;
  /** When to stop (epoch ms); may be moved while the load runs. */
  end: { at: number };
  records: RequestRecord[];
  /** Pause between one client's requests, so the load is steady rather than a busy loop. */
  pauseMs?: number;
}): Promise<void> {
  const { baseUrl, sessions, end, records, pauseMs = 20 } = options;
  const client = async (index: number) => {
    const session = sessions[index % sessions.length]!;
    type Current = { id: string; etag: string; edits: number };
    let current: Current | null = null as Current | null;
    while (Date.now() < end.at) {
      const started = Date.now();
      if (!current || current.edits >= 4) {
        const answer = await call(
          baseUrl,
          session,
          'POST',
          `/tables/${session.tableId}/situations`,
          draft(0),
        );
        const body = answer.body as { id?: string; version?: number } | undefined;
        records.push({
          kind: 'create',
          started,
          ended: Date.now(),
          status: answer.status,
          code: answer.code,
          requestId: answer.requestId,
          situationId: answer.status === 201 ? body?.id : undefined,
          version: answer.status === 201 ? body?.version : undefined,
        });
        if (answer.status === 201 && body?.id && answer.etag) {
          current = { id: body.id, etag: answer.etag, edits: 0 };
        }
      } else {
        const answer = await call(
          baseUrl,
          session,
          'PUT',
          `/situations/${current.id}`,
          draft(current.edits + 1),
          current.etag,
        );
        const body = answer.body as { version?: number } | undefined;
        records.push({
          kind: 'edit',
          started,
          ended: Date.now(),
          status: answer.status,
          code: answer.code,
          requestId: answer.requestId,
          situationId: current.id,
          version: answer.status === 200 ? body?.version : undefined,
        });
        if (answer.status === 200 && answer.etag) {
          current = { ...current, etag: answer.etag, edits: current.edits + 1 };
        } else if (answer.status === 412) {
          const fresh = await call(baseUrl, session, 'GET', `/situations/${current.id}`);
          records.push({
            kind: 'refresh',
            started: Date.now(),
            ended: Date.now(),
            status: fresh.status,
          });
          if (fresh.status === 200 && fresh.etag) current = { ...current, etag: fresh.etag };
        }
      }
      await sleep(pauseMs);
    }
  };
  await Promise.all(Array.from({ length: options.clients }, (_, index) => client(index)));
}

/** Polls readiness every `everyMs` until `end.at`, recording each answer. */
export async function watchReadiness(
  baseUrl: string,
  end: { at: number },
  samples: Array<{ started: number; ended: number; status: number }>,
  everyMs = 100,
): Promise<void> {
  while (Date.now() < end.at) {
    const started = Date.now();
    const status = await fetch(`${baseUrl}/api/health/ready`, {
      signal: AbortSignal.timeout(5_000),
    }).then(
      (res) => res.status,
      () => 0,
    );
    samples.push({ started, ended: Date.now(), status });
    await sleep(everyMs);
  }
}

/** The acknowledged writes among the records: creates answered 201, edits answered 200. */
export function acknowledged(records: RequestRecord[]) {
  return records.filter(
    (r) =>
      ((r.kind === 'create' && r.status === 201) || (r.kind === 'edit' && r.status === 200)) &&
      r.requestId &&
      r.situationId &&
      r.version !== undefined,
  ) as Array<
    Required<Pick<RequestRecord, 'requestId' | 'situationId' | 'version'>> & RequestRecord
  >;
}
