import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditEventPageSchema,
  auditVerificationSchema,
  personReportSchema,
  situationAccessReportSchema,
  type AuditEvent,
} from '@fourfold/shared/audit';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';
import {
  createAgency,
  createTable,
  createUser,
  signIn,
  type SignedIn,
} from '../../helpers/fixtures';
import {
  auditEvent,
  createSituation,
  eventsOfRequest,
  getAs,
  nextReference,
} from './audit-fixtures';

/**
 * Two tables: Riverside (R), whose privacy officer is the caller, and Southport (S), whose events
 * must never reach them. A third table (M) also has the caller as privacy officer but requires a
 * second factor, which their session lacks.
 */
describe('the privacy officer’s view of the audit log', () => {
  let t: TestApp;
  const ids = {} as Record<
    | 'police'
    | 'health'
    | 'southAgency'
    | 'tableR'
    | 'tableS'
    | 'tableM'
    | 'officerR'
    | 'officerS'
    | 'repR'
    | 'repR2'
    | 'repS'
    | 'outsider'
    | 'situationX'
    | 'situationY'
    | 'situationM',
    string
  >;
  const refs = { x: '', y: '', m: '' };
  const names = { repR: '', repR2: '' };
  let officerR: SignedIn;
  let officerS: SignedIn;
  let repR: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    ids.police = (await createAgency(db, { sector: 'police' })).id;
    ids.health = (await createAgency(db, { sector: 'mental_health' })).id;
    ids.southAgency = (await createAgency(db, { sector: 'housing' })).id;
    ids.tableR = (await createTable(db, { agencyIds: [ids.police, ids.health] })).id;
    ids.tableS = (await createTable(db, { agencyIds: [ids.southAgency] })).id;
    ids.tableM = (
      await createTable(db, { agencyIds: [ids.police], requiresSecondFactor: true })
    ).id;

    const user = async (
      key: keyof typeof ids,
      agencyId: string,
      memberships: NonNullable<Parameters<typeof createUser>[1]>['memberships'],
    ) => {
      const created = await createUser(db, { agencyId, memberships });
      ids[key] = created.id;
      return created;
    };
    const officerRUser = await user('officerR', ids.health, [
      { tableId: ids.tableR, role: 'privacy_officer' },
      { tableId: ids.tableM, role: 'privacy_officer' },
    ]);
    const officerSUser = await user('officerS', ids.southAgency, [
      { tableId: ids.tableS, role: 'privacy_officer' },
    ]);
    const repRUser = await user('repR', ids.police, [{ tableId: ids.tableR, role: 'agency_rep' }]);
    await user('repR2', ids.health, [{ tableId: ids.tableR, role: 'agency_rep' }]);
    const repSUser = await user('repS', ids.southAgency, [
      { tableId: ids.tableS, role: 'agency_rep' },
    ]);
    const outsiderUser = await user('outsider', ids.police, []);
    for (const key of ['repR', 'repR2'] as const) {
      names[key] = (
        await db
          .selectFrom('app_user')
          .select('display_name')
          .where('id', '=', ids[key])
          .executeTakeFirstOrThrow()
      ).display_name;
    }

    // Sign-ins: events without a table. Only those of Riverside's members belong to its officer.
    officerR = await signIn(t.app, officerRUser.email);
    officerS = await signIn(t.app, officerSUser.email);
    repR = await signIn(t.app, repRUser.email);
    await signIn(t.app, repSUser.email);
    await signIn(t.app, outsiderUser.email);

    refs.x = nextReference('RIV');
    refs.y = nextReference('SOU');
    refs.m = nextReference('MFA');
    ids.situationX = (
      await createSituation(db, {
        tableId: ids.tableR,
        agencyId: ids.police,
        userId: ids.repR,
        reference: refs.x,
      })
    ).id;
    ids.situationY = (
      await createSituation(db, {
        tableId: ids.tableS,
        agencyId: ids.southAgency,
        userId: ids.repS,
        reference: refs.y,
      })
    ).id;
    ids.situationM = (
      await createSituation(db, {
        tableId: ids.tableM,
        agencyId: ids.police,
        userId: ids.repR,
        reference: refs.m,
      })
    ).id;

    const onX = (who: 'repR' | 'repR2', extra: Parameters<typeof auditEvent>[1]) =>
      auditEvent(db, {
        userId: ids[who],
        agencyId: who === 'repR' ? ids.police : ids.health,
        role: 'agency_rep',
        tableId: ids.tableR,
        situationId: ids.situationX,
        ...extra,
      });
    await onX('repR', { action: 'situation.viewDeidentified' });
    await onX('repR', { action: 'situation.viewIdentity', dataCategory: 'identity' });
    await onX('repR2', { action: 'situation.viewDeidentified' });
    await onX('repR2', {
      action: 'situation.viewIdentity',
      dataCategory: 'identity',
      outcome: 'denied',
    });
    await onX('repR', {
      action: 'situation.viewIdentity',
      dataCategory: 'identity',
      purpose: 'Preparing the door knock',
    });
    await onX('repR2', { action: 'situation.readNotes', dataCategory: 'intervention' });
    // Another table's situation, and the second-factor table's: never in Riverside's answers.
    for (const action of ['situation.viewDeidentified', 'situation.viewIdentity'] as const) {
      await auditEvent(db, {
        action,
        dataCategory: action.endsWith('Identity') ? 'identity' : 'de_identified',
        userId: ids.repS,
        agencyId: ids.southAgency,
        role: 'agency_rep',
        tableId: ids.tableS,
        situationId: ids.situationY,
      });
      await auditEvent(db, {
        action,
        userId: ids.repR,
        agencyId: ids.police,
        role: 'agency_rep',
        tableId: ids.tableM,
        situationId: ids.situationM,
      });
    }
  });
  afterAll(async () => closeTestApp(t));

  const search = async (who: SignedIn, query = '') => {
    const res = await getAs(t.app, who.headers, `/api/audit/events${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return auditEventPageSchema.parse(res.json());
  };
  const allOf = async (who: SignedIn, query = '') => {
    const sep = query ? '&' : '?';
    return (await search(who, `${query}${sep}limit=200`)).items;
  };

  describe('GET /api/audit/events', () => {
    it('answers the officer with their tables’ events and their members’ sign-ins, newest first', async () => {
      const items = await allOf(officerR);
      const rawIds = items.map((e) => BigInt(e.id));
      expect(rawIds).toEqual([...rawIds].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
      expect(items.filter((e) => e.situationId === ids.situationX)).toHaveLength(6);
      const signIns = items.filter((e) => e.action === 'auth.login');
      expect(signIns.map((e) => e.user?.id).sort()).toEqual([ids.officerR, ids.repR].sort());
      const loginOfRep = signIns.find((e) => e.user?.id === ids.repR)!;
      expect(loginOfRep.user?.displayName).toBeTruthy();
      expect(loginOfRep.agency?.name).toBeTruthy();
      const identityView = items.find((e) => e.purpose === 'Preparing the door knock')!;
      expect(identityView).toMatchObject({
        table: { id: ids.tableR },
        user: { id: ids.repR, displayName: names.repR },
        role: 'agency_rep',
        dataCategory: 'identity',
        outcome: 'allowed',
      });
      expect(identityView.table?.name).toBeTruthy();
    });

    it('never shows another table’s events, nor the sign-ins of people outside the tables', async () => {
      const items = await allOf(officerR);
      const riversideMembers = [ids.officerR, ids.repR, ids.repR2];
      for (const event of items) {
        expect([ids.tableR, null]).toContain(event.table?.id ?? null);
        if (!event.table) expect(riversideMembers).toContain(event.user?.id);
        expect([ids.situationY, ids.situationM]).not.toContain(event.situationId);
      }
      const south = await allOf(officerS);
      expect(south.some((e) => e.situationId === ids.situationY)).toBe(true);
      expect(south.some((e) => e.situationId === ids.situationX)).toBe(false);
      for (const event of south) expect([ids.tableS, null]).toContain(event.table?.id ?? null);
    });

    it('names what an administrator changed on the table: the person (by name), an agency, a code', async () => {
      const db = t.database.db;
      for (const target of [`user:${ids.repR2}`, `agency:${ids.police}`, 'code:sector/police']) {
        await auditEvent(db, {
          action: 'admin.membership.update',
          dataCategory: 'administration',
          tableId: ids.tableR,
          target,
        });
      }
      const items = await allOf(officerR, '?action=admin.membership.update');
      expect(items.map((e) => [e.target, e.targetName])).toEqual([
        ['code:sector/police', null],
        [`agency:${ids.police}`, expect.any(String)],
        [`user:${ids.repR2}`, names.repR2],
      ]);
    });

    it('never returns the hash chain', async () => {
      const res = await getAs(t.app, officerR.headers, '/api/audit/events');
      expect(res.body).not.toMatch(/hash/i);
    });

    it('narrows by each filter', async () => {
      const everything = await allOf(officerR);
      const checks: Array<[string, (e: AuditEvent) => boolean]> = [
        [`tableId=${ids.tableR}`, (e) => e.table?.id === ids.tableR],
        [`situationId=${ids.situationX}`, (e) => e.situationId === ids.situationX],
        [`userId=${ids.repR2}`, (e) => e.user?.id === ids.repR2],
        [`agencyId=${ids.police}`, (e) => e.agency?.id === ids.police],
        ['action=situation.viewIdentity', (e) => e.action === 'situation.viewIdentity'],
        ['outcome=denied', (e) => e.outcome === 'denied'],
        ['dataCategory=intervention', (e) => e.dataCategory === 'intervention'],
      ];
      for (const [query, matches] of checks) {
        const items = await allOf(officerR, `?${query}`);
        expect(items.length, query).toBeGreaterThan(0);
        expect(items.every(matches), query).toBe(true);
        // Every matching event the unfiltered answer held is there (that answer is older).
        const expected = everything.filter(matches).map((e) => e.id);
        expect(
          items.map((e) => e.id).filter((id) => BigInt(id) <= BigInt(everything[0]!.id)),
          query,
        ).toEqual(expected);
        expect(expected.length, query).toBeLessThan(everything.length);
      }
    });

    it('finds a situation’s events by its reference as by its id, in any case', async () => {
      const byId = (await allOf(officerR, `?situationId=${ids.situationX}`)).map((e) => e.id);
      expect(byId.length).toBeGreaterThan(0);
      for (const reference of [refs.x, refs.x.toLowerCase(), ` ${refs.x} `]) {
        const query = `?situationReference=${encodeURIComponent(reference)}`;
        const items = await allOf(officerR, query);
        expect(
          items.map((e) => e.id).filter((id) => BigInt(id) <= BigInt(byId[0]!)),
          reference,
        ).toEqual(byId);
        expect(items.every((e) => e.situationId === ids.situationX)).toBe(true);
      }
    });

    it('finds nothing by a reference outside the officer’s tables, unknown or behind a second factor, and says no more', async () => {
      for (const reference of [refs.y, 'RIV-2026-9999', refs.m]) {
        const res = await getAs(
          t.app,
          officerR.headers,
          `/api/audit/events?situationReference=${reference}`,
        );
        expect(res.statusCode, reference).toBe(200);
        expect(res.json(), reference).toEqual({ items: [], nextCursor: null });
        // The search itself is recorded, as any search is.
        expect(await eventsOfRequest(t.database.db, res.headers['x-request-id'])).toMatchObject([
          { action: 'audit.search', outcome: 'allowed' },
        ]);
      }
      // The other table's officer finds their own situation by its reference.
      const south = await allOf(officerS, `?situationReference=${refs.y}`);
      expect(south.length).toBeGreaterThan(0);
      expect(south.every((e) => e.situationId === ids.situationY)).toBe(true);
    });

    it('refuses a malformed reference, or a situation given both ways (400)', async () => {
      for (const query of [
        'situationReference=RIV',
        `situationReference=${encodeURIComponent("RIV-2026-0001' or 1=1")}`,
        `situationReference=${refs.x}&situationId=${ids.situationX}`,
      ]) {
        const res = await getAs(t.app, officerR.headers, `/api/audit/events?${query}`);
        expect(res.statusCode, query).toBe(400);
      }
    });

    it('narrows by a time range: from inclusive, to exclusive', async () => {
      const situationEvents = await allOf(officerR, `?situationId=${ids.situationX}`);
      const middle = situationEvents[3]!.occurredAt;
      const later = await allOf(
        officerR,
        `?situationId=${ids.situationX}&from=${encodeURIComponent(middle)}`,
      );
      const earlier = await allOf(
        officerR,
        `?situationId=${ids.situationX}&to=${encodeURIComponent(middle)}`,
      );
      expect(later.every((e) => e.occurredAt >= middle)).toBe(true);
      expect(earlier.every((e) => e.occurredAt < middle)).toBe(true);
      expect(later.length + earlier.length).toBe(situationEvents.length);
      expect(later.length).toBeGreaterThan(0);
      expect(earlier.length).toBeGreaterThan(0);
    });

    it('walks every event page by page, with no duplicates and none missed', async () => {
      const walked: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await search(
          officerR,
          `?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        expect(page.items.length).toBeLessThanOrEqual(3);
        walked.push(...page.items.map((e) => e.id));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor && pages < 100);
      expect(cursor).toBeNull();
      expect(pages).toBeGreaterThan(2);
      expect(new Set(walked).size).toBe(walked.length);
      // The walk recorded searches of its own, newer than its first page: compare below that.
      const all = (await allOf(officerR)).map((e) => e.id);
      expect(all.filter((id) => BigInt(id) <= BigInt(walked[0]!))).toEqual(walked);
    });

    it('defaults to 50 events a page', async () => {
      const db = t.database.db;
      for (let i = 0; i < 55; i += 1) {
        await auditEvent(db, { action: 'situation.viewDeidentified', tableId: ids.tableR });
      }
      const page = await search(officerR);
      expect(page.items).toHaveLength(50);
      expect(page.nextCursor).toBe(page.items[49]!.id);
    });

    it.each([
      ['tableId=not-a-uuid'],
      ['situationId=123'],
      ['userId=x'],
      ['agencyId=x'],
      ['outcome=maybe'],
      ['dataCategory=secrets'],
      ['action=DROP%20TABLE'],
      ['from=yesterday'],
      ['to=2026-13-45T00:00:00Z'],
      ['from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z'],
      ['limit=0'],
      ['limit=201'],
      ['cursor=abc'],
    ])('refuses an invalid filter (%s) with 400', async (query) => {
      const res = await getAs(t.app, officerR.headers, `/api/audit/events?${query}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    });

    it('refuses an agency representative (403): they read the log of no table', async () => {
      const res = await getAs(t.app, repR.headers, '/api/audit/events');
      expect(res.statusCode).toBe(403);
      const recorded = await eventsOfRequest(t.database.db, res.headers['x-request-id']);
      expect(recorded).toMatchObject([
        { action: 'audit.read', outcome: 'denied', user_id: ids.repR },
      ]);
    });

    it('answers another table’s privacy officer as if the table did not exist (404)', async () => {
      const res = await getAs(t.app, officerS.headers, `/api/audit/events?tableId=${ids.tableR}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
      const unknown = await getAs(
        t.app,
        officerS.headers,
        '/api/audit/events?tableId=00000000-0000-4000-8000-000000000000',
      );
      expect(unknown.statusCode).toBe(404);
      expect({ ...unknown.json(), requestId: 0 }).toEqual({ ...res.json(), requestId: 0 });
      const recorded = await eventsOfRequest(t.database.db, res.headers['x-request-id']);
      expect(recorded).toMatchObject([
        { action: 'audit.read', outcome: 'denied', table_id: ids.tableR, user_id: ids.officerS },
      ]);
    });

    it('refuses a table that requires a second factor this session lacks, and leaves it out', async () => {
      const res = await getAs(t.app, officerR.headers, `/api/audit/events?tableId=${ids.tableM}`);
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('SECOND_FACTOR_REQUIRED');
      const items = await allOf(officerR);
      expect(items.some((e) => e.table?.id === ids.tableM)).toBe(false);
    });

    it('refuses a request without a token (401)', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/audit/events' });
      expect(res.statusCode).toBe(401);
    });

    it('records each search as one audit event', async () => {
      const res = await getAs(t.app, officerR.headers, `/api/audit/events?tableId=${ids.tableR}`);
      expect(await eventsOfRequest(t.database.db, res.headers['x-request-id'])).toEqual([
        {
          action: 'audit.search',
          data_category: 'administration',
          outcome: 'allowed',
          user_id: ids.officerR,
          agency_id: ids.health,
          role: 'privacy_officer',
          table_id: ids.tableR,
          situation_id: null,
        },
      ]);
      const wide = await getAs(t.app, officerR.headers, '/api/audit/events');
      expect(await eventsOfRequest(t.database.db, wide.headers['x-request-id'])).toMatchObject([
        { action: 'audit.search', table_id: null, user_id: ids.officerR },
      ]);
    });
  });

  describe('GET /api/audit/situations/:situationId/access-report', () => {
    const url = (situationId: string) => `/api/audit/situations/${situationId}/access-report`;

    it('lists every access to the situation with a summary per person', async () => {
      const res = await getAs(t.app, officerR.headers, url(ids.situationX));
      expect(res.statusCode, res.body).toBe(200);
      const report = situationAccessReportSchema.parse(res.json());
      expect(report.tables.map((table) => table.id)).toEqual([ids.tableR]);
      expect(report.truncated).toBe(false);
      expect(report.events).toHaveLength(6);
      expect(report.events.every((e) => e.situationId === ids.situationX)).toBe(true);
      const ordered = report.events.map((e) => BigInt(e.id));
      expect(ordered).toEqual([...ordered].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      const rep = report.summary.find((line) => line.user?.id === ids.repR)!;
      expect(rep).toMatchObject({
        agency: { id: ids.police },
        allowedCount: 3,
        deniedCount: 0,
        identityViewCount: 2,
        interventionReadCount: 0,
      });
      expect(rep.firstAccessAt <= rep.lastAccessAt).toBe(true);
      const rep2 = report.summary.find((line) => line.user?.id === ids.repR2)!;
      expect(rep2).toMatchObject({
        user: { displayName: names.repR2 },
        allowedCount: 2,
        deniedCount: 1,
        identityViewCount: 0,
        interventionReadCount: 1,
      });
      expect(res.body).not.toMatch(/hash/i);
    });

    it('records the report as one audit event naming the situation', async () => {
      const res = await getAs(t.app, officerR.headers, url(ids.situationX));
      expect(await eventsOfRequest(t.database.db, res.headers['x-request-id'])).toEqual([
        {
          action: 'audit.accessReport',
          data_category: 'administration',
          outcome: 'allowed',
          user_id: ids.officerR,
          agency_id: ids.health,
          role: 'privacy_officer',
          table_id: ids.tableR,
          situation_id: ids.situationX,
        },
      ]);
    });

    it('hides another table’s situation and an unknown one alike (404)', async () => {
      const foreign = await getAs(t.app, officerR.headers, url(ids.situationY));
      const unknown = await getAs(
        t.app,
        officerR.headers,
        url('00000000-0000-4000-8000-000000000001'),
      );
      expect(foreign.statusCode).toBe(404);
      expect(unknown.statusCode).toBe(404);
      expect({ ...foreign.json(), requestId: 0 }).toEqual({ ...unknown.json(), requestId: 0 });
      const fromSouth = await getAs(t.app, officerS.headers, url(ids.situationX));
      expect(fromSouth.statusCode).toBe(404);
      expect(await eventsOfRequest(t.database.db, fromSouth.headers['x-request-id'])).toMatchObject(
        [
          {
            action: 'audit.read',
            outcome: 'denied',
            table_id: ids.tableR,
            situation_id: ids.situationX,
          },
        ],
      );
    });

    it('refuses an agency representative (404 before anything is looked up)', async () => {
      const res = await getAs(t.app, repR.headers, url(ids.situationX));
      expect(res.statusCode).toBe(404);
      expect(await eventsOfRequest(t.database.db, res.headers['x-request-id'])).toMatchObject([
        { action: 'audit.read', outcome: 'denied' },
      ]);
    });

    it('refuses a situation of a table that requires a second factor', async () => {
      const res = await getAs(t.app, officerR.headers, url(ids.situationM));
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('SECOND_FACTOR_REQUIRED');
    });

    it('refuses a malformed id (400)', async () => {
      const res = await getAs(t.app, officerR.headers, url('RIV-2026-0001'));
      expect(res.statusCode).toBe(400);
    });
  });

  describe('GET /api/audit/person-report', () => {
    const url = (reference: string) =>
      `/api/audit/person-report?reference=${encodeURIComponent(reference)}`;

    it('lists identity and intervention-note accesses by agency and time, without staff names', async () => {
      const res = await getAs(t.app, officerR.headers, url(refs.x.toLowerCase()));
      expect(res.statusCode, res.body).toBe(200);
      const report = personReportSchema.parse(res.json());
      expect(report.reference).toBe(refs.x);
      expect(report.table.id).toBe(ids.tableR);
      expect(report.accesses.map((a) => [a.dataCategory, a.agency?.id])).toEqual([
        ['identity', ids.police],
        ['identity', ids.police],
        ['intervention', ids.health],
      ]);
      expect(report.byAgency).toEqual([
        expect.objectContaining({
          agency: expect.objectContaining({ id: ids.police }),
          identityCount: 2,
          interventionCount: 0,
        }),
        expect.objectContaining({
          agency: expect.objectContaining({ id: ids.health }),
          identityCount: 0,
          interventionCount: 1,
        }),
      ]);
      // Denied attempts saw nothing, and the person learns agencies, not employees.
      expect(res.body).not.toContain(names.repR);
      expect(res.body).not.toContain(names.repR2);
      expect(res.body).not.toContain(ids.repR);
    });

    it('records the report as one audit event naming the situation', async () => {
      const res = await getAs(t.app, officerR.headers, url(refs.x));
      expect(await eventsOfRequest(t.database.db, res.headers['x-request-id'])).toEqual([
        {
          action: 'audit.personReport',
          data_category: 'administration',
          outcome: 'allowed',
          user_id: ids.officerR,
          agency_id: ids.health,
          role: 'privacy_officer',
          table_id: ids.tableR,
          situation_id: ids.situationX,
        },
      ]);
    });

    it('answers an unknown reference and another table’s alike (404)', async () => {
      const unknown = await getAs(t.app, officerR.headers, url('RIV-2026-9999'));
      expect(unknown.statusCode).toBe(404);
      const foreign = await getAs(t.app, officerR.headers, url(refs.y));
      expect(foreign.statusCode).toBe(404);
      const fromSouth = await getAs(t.app, officerS.headers, url(refs.x));
      expect(fromSouth.statusCode).toBe(404);
      expect(await eventsOfRequest(t.database.db, fromSouth.headers['x-request-id'])).toMatchObject(
        [{ action: 'audit.read', outcome: 'denied', situation_id: ids.situationX }],
      );
    });

    it('refuses an agency representative (403)', async () => {
      const res = await getAs(t.app, repR.headers, url(refs.x));
      expect(res.statusCode).toBe(403);
    });

    it('refuses a malformed reference (400)', async () => {
      for (const reference of ['', 'RIV', 'RIV-26-1', "RIV-2026-0001' or 1=1"]) {
        const res = await getAs(t.app, officerR.headers, url(reference));
        expect(res.statusCode, reference).toBe(400);
      }
    });
  });

  describe('GET /api/audit/verify', () => {
    it('reports an intact chain and records the check', async () => {
      const res = await getAs(t.app, officerR.headers, '/api/audit/verify');
      expect(res.statusCode).toBe(200);
      const result = auditVerificationSchema.parse(res.json());
      expect(result.intact).toBe(true);
      expect(result.checked).toBeGreaterThan(20);
      expect(await eventsOfRequest(t.database.db, res.headers['x-request-id'])).toMatchObject([
        {
          action: 'audit.verify',
          data_category: 'administration',
          outcome: 'allowed',
          user_id: ids.officerR,
          table_id: null,
        },
      ]);
    });

    it('refuses an agency representative (403) and records the denial once', async () => {
      const res = await getAs(t.app, repR.headers, '/api/audit/verify');
      expect(res.statusCode).toBe(403);
      expect(await eventsOfRequest(t.database.db, res.headers['x-request-id'])).toHaveLength(1);
    });

    it('refuses a request without a token (401)', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/audit/verify' });
      expect(res.statusCode).toBe(401);
    });
  });
});
