/**
 * Finding situations by the words people use: the table's list searched by reference, filtered by
 * stage, agency, lead, overdue first contact and creation day (in the table's time zone), sorted
 * every way with keyset pages that never skip or repeat a row, and a cursor that only holds for the
 * filters and sort that made it. Search never reaches a draft of another agency.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  situationListSchema,
  situationStageCountsSchema,
  situationSortKeys,
  type SituationListItem,
  type SituationSortKey,
} from '@fourfold/shared/situations';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';
import {
  SituationClient,
  createCast,
  situationAt,
  type Cast,
  type Who,
} from '../../helpers/situations';

describe('the situation list: search, filters and sort', () => {
  let t: TestApp;
  let cast: Cast;
  let client: SituationClient;
  /** Situation ids by name, and their references. */
  const ids: Record<string, string> = {};
  const refs: Record<string, string> = {};

  const HOUR = 3_600_000;

  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.app, t.database.db);
    client = new SituationClient(t.app, t.database.db, cast);
    const plan = [
      ['draft', 'draft'],
      ['earlyFeb28', 'filter2'],
      ['march1', 'filter2'],
      ['march1Twin', 'filter3'],
      ['overdue', 'filter4'],
      ['dueLater', 'filter4'],
      ['dueLaterTwin', 'filter4'],
      ['closed', 'closed'],
      ['rejected', 'rejected'],
    ] as const;
    for (const [name, stage] of plan) ids[name] = await situationAt(client, cast, stage);
    const db = t.database.db;
    for (const row of await db.selectFrom('situation').select(['id', 'reference']).execute()) {
      const name = Object.keys(ids).find((key) => ids[key] === row.id);
      if (name) refs[name] = row.reference;
    }
    // 04:30 UTC on 1 March is still 28 February in Toronto (the table's time zone); 05:30 is not.
    const setCreated = (id: string, at: string) =>
      db
        .updateTable('situation')
        .set({ created_at: new Date(at) })
        .where('id', '=', id)
        .execute();
    await setCreated(ids.earlyFeb28!, '2026-03-01T04:30:00Z');
    await setCreated(ids.march1!, '2026-03-01T05:30:00Z');
    // The same instant: the id breaks the tie.
    await setCreated(ids.march1Twin!, '2026-03-01T05:30:00Z');
    // The first-contact clocks: one overdue, two due at the very same time later on, and a
    // concluded one that was due in the past but met (so not overdue).
    const setDue = (id: string, at: Date) =>
      db
        .updateTable('action_item')
        .set({ due_at: at })
        .where('situation_id', '=', id)
        .where('kind', '=', 'first_contact')
        .execute();
    const later = new Date(Date.now() + 30 * HOUR);
    await setDue(ids.overdue!, new Date(Date.now() - 2 * HOUR));
    await setDue(ids.dueLater!, later);
    await setDue(ids.dueLaterTwin!, later);
    await setDue(ids.closed!, new Date(Date.now() - 5 * HOUR));
  });
  afterAll(async () => closeTestApp(t));

  const listUrl = (params: Record<string, string>) =>
    `/api/tables/${cast.tableId}/situations?${new URLSearchParams(params).toString()}`;

  async function list(who: Who, params: Record<string, string> = {}) {
    const res = await client.get(who, listUrl(params));
    expect(res.statusCode, res.body).toBe(200);
    return situationListSchema.parse(res.json());
  }

  /** Every page of the list, following nextCursor with the same parameters. */
  async function allPages(who: Who, params: Record<string, string>) {
    const items: SituationListItem[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(who, { ...params, limit: '2', ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  const namesOf = (items: readonly SituationListItem[]) =>
    items.map((item) => Object.keys(ids).find((key) => ids[key] === item.id)).sort();

  describe('search by reference', () => {
    it('finds a reference whole, in lower case, and by any part of it', async () => {
      const ref = refs.march1!;
      for (const q of [ref, ref.toLowerCase(), ref.slice(5), ref.slice(-4), ` ${ref} `]) {
        expect(namesOf((await list('coordinator', { q })).items), q).toEqual(['march1']);
      }
      const year = ref.slice(5, 9);
      expect((await list('coordinator', { q: `-${year}-` })).items).toHaveLength(8);
    });

    it('takes LIKE wildcards and hostile strings literally', async () => {
      const last4 = refs.march1!.slice(-4);
      for (const q of [
        '%',
        '_',
        '\\',
        '%%',
        `${last4.slice(0, 2)}_${last4.slice(3)}`,
        `${last4.slice(0, 1)}%${last4.slice(3)}`,
        "' or 1=1 --",
        '"; drop table situation; --',
        '\\%',
      ]) {
        expect((await list('coordinator', { q })).items, q).toEqual([]);
      }
      expect(await t.database.db.selectFrom('situation').select('id').execute()).toHaveLength(9);
    });

    it('never finds a draft of another agency, even by its whole reference', async () => {
      for (const who of ['uninvolved', 'coordinator', 'lead'] as const) {
        expect((await list(who, { q: refs.draft! })).items).toEqual([]);
      }
      expect(namesOf((await list('originating', { q: refs.draft! })).items)).toEqual(['draft']);
    });

    it('refuses a search longer than a reference could be (400)', async () => {
      const res = await client.get('coordinator', listUrl({ q: 'R'.repeat(41) }));
      expect(res.statusCode).toBe(400);
      expect(res.json().invalidParams[0].path).toBe('q');
    });
  });

  describe('filters', () => {
    it('filters by stage, originating agency and lead agency; an unknown agency matches nothing', async () => {
      expect(namesOf((await list('coordinator', { stage: 'filter4' })).items)).toEqual([
        'dueLater',
        'dueLaterTwin',
        'overdue',
      ]);
      expect(
        (await list('coordinator', { originatingAgencyId: cast.agencies.originating })).items,
      ).toHaveLength(8);
      expect(
        (await list('coordinator', { originatingAgencyId: cast.agencies.lead })).items,
      ).toEqual([]);
      expect(
        namesOf((await list('coordinator', { leadAgencyId: cast.agencies.lead })).items),
      ).toEqual(['closed', 'dueLater', 'dueLaterTwin', 'overdue']);
      expect(
        namesOf(
          (
            await list('coordinator', {
              leadAgencyId: cast.agencies.lead,
              stage: 'closed',
            })
          ).items,
        ),
      ).toEqual(['closed']);
      for (const unknown of [cast.agencies.uninvolved, '0190f5b4-7a6e-7c7e-8a6e-3b7d1b1e2f3a']) {
        expect((await list('coordinator', { leadAgencyId: unknown })).items).toEqual([]);
      }
    });

    it('lists only overdue first contacts: at filter 4, none recorded, past the due time', async () => {
      const overdue = await list('lead', { overdue: 'true' });
      expect(namesOf(overdue.items)).toEqual(['overdue']);
      expect(new Date(overdue.items[0]!.firstContactDueAt!).getTime()).toBeLessThan(Date.now());
      expect(overdue.items[0]!.firstContactAt).toBeNull();
      expect((await list('lead', { overdue: 'false' })).items).toHaveLength(8);
    });

    it('filters by creation day, inclusive, in the table’s time zone', async () => {
      const between = async (createdFrom?: string, createdTo?: string) =>
        namesOf(
          (
            await list('coordinator', {
              ...(createdFrom ? { createdFrom } : {}),
              ...(createdTo ? { createdTo } : {}),
            })
          ).items,
        );
      expect(await between('2026-02-28', '2026-02-28')).toEqual(['earlyFeb28']);
      expect(await between('2026-03-01', '2026-03-01')).toEqual(['march1', 'march1Twin']);
      expect(await between(undefined, '2026-03-01')).toEqual([
        'earlyFeb28',
        'march1',
        'march1Twin',
      ]);
      expect(await between('2026-03-02')).toHaveLength(5);
    });

    it('refuses a creation range that runs backwards (400, naming createdTo)', async () => {
      const res = await client.get(
        'coordinator',
        listUrl({ createdFrom: '2026-03-02', createdTo: '2026-03-01' }),
      );
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().invalidParams[0].path).toBe('createdTo');
    });

    it('counts by stage under the same filters but the stage', async () => {
      const counts = async (params: Record<string, string>) => {
        const res = await client.get(
          'coordinator',
          `/api/tables/${cast.tableId}/situations/counts?${new URLSearchParams(params).toString()}`,
        );
        expect(res.statusCode, res.body).toBe(200);
        return situationStageCountsSchema.parse(res.json()).counts;
      };
      expect(await counts({})).toMatchObject({ draft: 0, filter2: 2, filter4: 3, closed: 1 });
      expect(await counts({ leadAgencyId: cast.agencies.lead })).toMatchObject({
        filter2: 0,
        filter4: 3,
        closed: 1,
      });
      expect(await counts({ overdue: 'true' })).toMatchObject({ filter4: 1, closed: 0 });
      expect(await counts({ q: refs.march1! })).toMatchObject({ filter2: 1, filter3: 0 });
    });
  });

  describe('sort and pages', () => {
    const valueOf: Record<SituationSortKey, (item: SituationListItem) => string | null> = {
      updated: (item) => item.updatedAt,
      created: (item) => item.createdAt,
      reference: (item) => item.reference,
      firstContactDue: (item) => item.firstContactDueAt,
    };

    /** The order the list promises, computed here: by value (nulls last), then by id. */
    function expectedOrder(
      items: readonly SituationListItem[],
      key: SituationSortKey,
      order: 'asc' | 'desc',
    ) {
      const sign = order === 'asc' ? 1 : -1;
      const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
      return [...items]
        .sort((a, b) => {
          const va = valueOf[key](a);
          const vb = valueOf[key](b);
          if (va === null || vb === null) {
            if (va !== vb) return va === null ? 1 : -1;
          } else {
            const byValue = key === 'reference' ? compare(va, vb) : Date.parse(va) - Date.parse(vb);
            if (byValue !== 0) return sign * byValue;
          }
          return sign * compare(a.id, b.id);
        })
        .map((item) => item.id);
    }

    it.each(situationSortKeys.flatMap((key) => [[key, 'asc'] as const, [key, 'desc'] as const]))(
      'pages through sort=%s order=%s without skipping or repeating a row',
      async (sort, order) => {
        const paged = await allPages('originating', { sort, order });
        expect(paged).toHaveLength(9);
        expect(new Set(paged.map((item) => item.id)).size).toBe(9);
        expect(paged.map((item) => item.id)).toEqual(expectedOrder(paged, sort, order));
        if (sort === 'firstContactDue') {
          // Nulls last both ways: the five without a clock close the list.
          expect(paged.slice(-5).every((item) => item.firstContactDueAt === null)).toBe(true);
        }
      },
    );

    it('pages with filters and sort together', async () => {
      const paged = await allPages('coordinator', {
        leadAgencyId: cast.agencies.lead,
        sort: 'firstContactDue',
        order: 'asc',
      });
      expect(paged.map((item) => item.id)).toEqual([
        ids.closed,
        ids.overdue,
        ...[ids.dueLater!, ids.dueLaterTwin!].sort(),
      ]);
    });

    it('sorts most recently updated first by default', async () => {
      await t.database.db
        .updateTable('situation')
        .set({ updated_at: sql<Date>`now() + interval '1 minute'` })
        .where('id', '=', ids.earlyFeb28!)
        .execute();
      expect((await list('coordinator', { limit: '1' })).items[0]!.id).toBe(ids.earlyFeb28);
    });
  });

  describe('cursors', () => {
    async function cursorFor(params: Record<string, string>) {
      const page = await list('coordinator', { ...params, limit: '2' });
      expect(page.nextCursor).not.toBeNull();
      return page.nextCursor!;
    }

    async function expectRefused(params: Record<string, string>) {
      const res = await client.get('coordinator', listUrl({ ...params, limit: '2' }));
      expect(res.statusCode, JSON.stringify(params)).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        invalidParams: [{ in: 'query', path: 'cursor' }],
      });
    }

    it('refuses a cursor used with another sort, order or filters', async () => {
      const cursor = await cursorFor({ sort: 'reference', order: 'asc', q: '-' });
      await expectRefused({ sort: 'created', order: 'asc', q: '-', cursor });
      await expectRefused({ sort: 'reference', order: 'desc', q: '-', cursor });
      await expectRefused({ sort: 'reference', order: 'asc', cursor });
      await expectRefused({ sort: 'reference', order: 'asc', q: '-', stage: 'filter4', cursor });
      // The same filters, written differently, are the same filters.
      const res = await client.get(
        'coordinator',
        listUrl({ q: ' - ', order: 'asc', sort: 'reference', limit: '2', cursor }),
      );
      expect(res.statusCode, res.body).toBe(200);
    });

    it('refuses a tampered or forged cursor', async () => {
      const cursor = await cursorFor({ sort: 'created', order: 'desc' });
      const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
      const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      for (const forged of [
        'bm9wZQ',
        forge([...decoded.slice(0, 3), 'not a time', decoded[4]]),
        forge([...decoded.slice(0, 3), null, decoded[4]]),
        forge([...decoded.slice(0, 4), "x' or '1'='1"]),
        forge([...decoded.slice(0, 2), 'another fingerprint', ...decoded.slice(3)]),
        forge(['bogus', ...decoded.slice(1)]),
        forge(decoded.slice(0, 4)),
      ]) {
        await expectRefused({ sort: 'created', order: 'desc', cursor: forged });
      }
    });
  });
});
