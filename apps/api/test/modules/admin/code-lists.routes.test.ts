/**
 * Administrators editing the code lists through /api/admin/code-lists: adding, relabelling,
 * moving, retiring and reinstating codes, the rules that keep the lists usable, and what every
 * other person then sees in GET /api/taxonomy and may choose for new data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCodeListSchema, adminCodeSchema } from '@fourfold/shared/admin';
import { entriesOf, taxonomySchema, type CodeListName } from '@fourfold/shared/taxonomy';
import {
  callAs,
  countAudit,
  countRows,
  createAdminWorld,
  expectOneAdminAudit,
  uniqueName,
  uniquePrefix,
  type AdminWorld,
} from '../../helpers/admin-fixtures';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';

describe('administration: code lists', () => {
  let t: TestApp;
  let w: AdminWorld;
  const db = () => t.database.db;
  const url = (list: string, code?: string, action?: string) =>
    ['/api/admin/code-lists', list, code, action].filter(Boolean).join('/');
  const asAdmin = (method: 'GET' | 'POST' | 'PATCH', path: string, payload?: object) =>
    callAs(t.app, w.admin.session, method, path, payload);

  beforeAll(async () => {
    t = await createTestApp();
    w = await createAdminWorld(t.app, db());
  });
  afterAll(async () => closeTestApp(t));

  /** Runs a refused write and checks that it changed no code and audited nothing. */
  async function expectUnchanged(write: () => Promise<{ statusCode: number }>, status: number) {
    const codes = await db()
      .selectFrom('code')
      .selectAll()
      .orderBy('list')
      .orderBy('code')
      .execute();
    const audit = await countAudit(db());
    const res = await write();
    expect(res.statusCode).toBe(status);
    expect(
      await db().selectFrom('code').selectAll().orderBy('list').orderBy('code').execute(),
    ).toEqual(codes);
    expect(await countAudit(db())).toBe(audit);
    return res as Awaited<ReturnType<typeof asAdmin>>;
  }

  /** What a representative's forms and records get from GET /api/taxonomy for one list. */
  async function taxonomyEntries(list: CodeListName) {
    const res = await callAs(t.app, w.rep.session, 'GET', '/api/taxonomy');
    expect(res.statusCode).toBe(200);
    return entriesOf(taxonomySchema.parse(res.json()), list);
  }

  async function codesOf(list: CodeListName) {
    const res = await asAdmin('GET', url(list));
    expect(res.statusCode).toBe(200);
    return adminCodeListSchema.parse(res.json()).items;
  }

  const fresh = (prefix = 'new') => {
    const suffix = uniquePrefix().toLowerCase();
    return {
      code: `${prefix}_${suffix}`,
      label: { en: `English ${suffix}`, fr: `Français ${suffix}` },
    };
  };

  describe('reading', () => {
    it('lists every code of a list in display order with its position, labels and status', async () => {
      const genders = await codesOf('gender');
      expect(genders.map((c) => c.code)).toEqual([
        'female',
        'male',
        'another',
        'multiple',
        'not_applicable',
        'unknown',
      ]);
      expect(genders.map((c) => c.position)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(genders[0]).toEqual({
        list: 'gender',
        code: 'female',
        label: { en: 'Female', fr: 'Femme' },
        position: 1,
        categoryCode: null,
        riskLowered: null,
        retiredAt: null,
        updatedAt: expect.any(String),
      });
    });

    it('counts a risk factor’s position within its category', async () => {
      const factors = (await codesOf('risk_factor')).filter((f) => f.categoryCode === 'alcohol');
      expect(factors.map((f) => [f.code, f.position])).toEqual([
        ['alcohol.use', 1],
        ['alcohol.abuse', 2],
        ['alcohol.abuse_in_home', 3],
      ]);
    });

    it('answers an unknown list with 400 and an unknown code with 404', async () => {
      expect((await asAdmin('GET', url('colours'))).statusCode).toBe(400);
      const missing = await asAdmin('GET', url('gender', 'nobody'));
      expect(missing.statusCode).toBe(404);
      expect(missing.json().code).toBe('NOT_FOUND');
    });
  });

  describe('adding', () => {
    it('adds a code at the end of its list, offered at once, with one audit event naming it', async () => {
      const input = fresh('flag');
      const res = await asAdmin('POST', url('study_flag'), input);
      expect(res.statusCode, res.body).toBe(201);
      const created = adminCodeSchema.parse(res.json());
      const flags = await codesOf('study_flag');
      expect(created).toMatchObject({
        list: 'study_flag',
        code: input.code,
        label: input.label,
        position: flags.length,
        retiredAt: null,
      });
      expect((await taxonomyEntries('study_flag')).at(-1)).toEqual({
        code: input.code,
        label: input.label,
        retired: false,
      });
      await expectOneAdminAudit(
        db(),
        res,
        {
          action: 'admin.code.create',
          adminId: w.admin.id,
          target: `code:study_flag/${input.code}`,
        },
        [input.label.en, input.label.fr],
      );
    });

    it('adds a risk factor last among its category’s factors, and it is offered under that category', async () => {
      const suffix = uniquePrefix().toLowerCase();
      const input = {
        code: `housing.${suffix}`,
        label: { en: `Housing – ${suffix}`, fr: `Logement – ${suffix}` },
        categoryCode: 'housing',
      };
      const res = await asAdmin('POST', url('risk_factor'), input);
      expect(res.statusCode, res.body).toBe(201);
      const housing = (await codesOf('risk_factor')).filter((f) => f.categoryCode === 'housing');
      expect(housing.at(-1)).toMatchObject({ code: input.code, position: housing.length });
      const taxonomy = taxonomySchema.parse(
        (await callAs(t.app, w.rep.session, 'GET', '/api/taxonomy')).json(),
      );
      const category = taxonomy.riskCategories.find((c) => c.code === 'housing');
      expect(category?.factors.at(-1)?.code).toBe(input.code);
      // The factors of the next category did not move.
      const next = (await codesOf('risk_factor')).filter((f) => f.categoryCode === 'mental_health');
      expect(next[0]?.position).toBe(1);
    });

    it('adds a conclusion reason that says whether the risk was lowered', async () => {
      const input = { ...fresh('reason'), riskLowered: true };
      const res = await asAdmin('POST', url('conclusion_reason'), input);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ riskLowered: true, categoryCode: null });
      const taxonomy = taxonomySchema.parse(
        (await callAs(t.app, w.rep.session, 'GET', '/api/taxonomy')).json(),
      );
      expect(taxonomy.conclusionReasons.find((r) => r.code === input.code)?.riskLowered).toBe(true);
    });

    it('refuses fields of another list, a factor without an active category or its prefix (422, nothing changes)', async () => {
      const cases: [CodeListName, object, string][] = [
        [
          'risk_factor',
          { ...fresh('housing'), code: `housing.${uniquePrefix().toLowerCase()}` },
          'categoryCode',
        ],
        ['risk_factor', { ...fresh(), code: 'nowhere.x', categoryCode: 'nowhere' }, 'categoryCode'],
        [
          'risk_factor',
          { ...fresh(), code: `alcohol_${uniquePrefix().toLowerCase()}`, categoryCode: 'alcohol' },
          'code',
        ],
        ['risk_factor', { ...fresh(), code: 'alcohol.', categoryCode: 'alcohol' }, 'code'],
        ['gender', { ...fresh(), categoryCode: 'alcohol' }, 'categoryCode'],
        ['conclusion_reason', fresh(), 'riskLowered'],
        ['age_band', { ...fresh(), riskLowered: false }, 'riskLowered'],
      ];
      for (const [list, body, path] of cases) {
        const res = await expectUnchanged(() => asAdmin('POST', url(list), body), 422);
        expect(res.json(), `${list} ${JSON.stringify(body)}`).toMatchObject({
          code: 'VALIDATION_FAILED',
          invalidParams: [{ in: 'body', path }],
        });
      }
    });

    it('refuses malformed codes and blank or overlong labels (400, nothing changes)', async () => {
      for (const body of [
        { ...fresh(), code: 'Capitals' },
        { ...fresh(), code: 'has space' },
        { ...fresh(), code: '_leading' },
        { ...fresh(), label: { en: '   ', fr: 'Bien' } },
        { ...fresh(), label: { en: 'Fine', fr: 'x'.repeat(301) } },
        { code: 'no_label' },
      ]) {
        const res = await expectUnchanged(() => asAdmin('POST', url('gender'), body), 400);
        expect(res.json().code).toBe('VALIDATION_FAILED');
      }
    });

    it('refuses a code already in the list, even retired: codes are never reused (409)', async () => {
      const clash = await expectUnchanged(
        () => asAdmin('POST', url('gender'), { ...fresh(), code: 'female' }),
        409,
      );
      expect(clash.json()).toMatchObject({ code: 'CONFLICT', invalidParams: [{ path: 'code' }] });

      const retired = fresh('old');
      expect((await asAdmin('POST', url('study_flag'), retired)).statusCode).toBe(201);
      expect((await asAdmin('POST', url('study_flag', retired.code, 'retire'))).statusCode).toBe(
        200,
      );
      const again = await expectUnchanged(
        () => asAdmin('POST', url('study_flag'), { ...fresh(), code: retired.code }),
        409,
      );
      expect(again.json().invalidParams[0].path).toBe('code');
    });

    it('refuses a label an active code of the list has, in either language and any case (409)', async () => {
      const english = await expectUnchanged(
        () => asAdmin('POST', url('gender'), { ...fresh(), label: { en: 'FEMALE', fr: 'Neuf' } }),
        409,
      );
      expect(english.json().invalidParams[0].path).toBe('label.en');
      expect(english.body).not.toContain('FEMALE');
      const french = await expectUnchanged(
        () => asAdmin('POST', url('gender'), { ...fresh(), label: { en: 'New', fr: 'femme' } }),
        409,
      );
      expect(french.json().invalidParams[0].path).toBe('label.fr');
      // Another list may use the same label.
      const elsewhere = await asAdmin('POST', url('study_flag'), {
        ...fresh('female'),
        label: { en: 'Female', fr: 'Femme' },
      });
      expect(elsewhere.statusCode, elsewhere.body).toBe(201);
    });
  });

  describe('relabelling and moving', () => {
    it('relabels one language, keeps the code, shows the new label everywhere, one audit event', async () => {
      const input = fresh('flag');
      await asAdmin('POST', url('study_flag'), input);
      const label = uniqueName('Nouveau libellé');
      const res = await asAdmin('PATCH', url('study_flag', input.code), { label: { fr: label } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().label).toEqual({ en: input.label.en, fr: label });
      const entry = (await taxonomyEntries('study_flag')).find((e) => e.code === input.code);
      expect(entry?.label).toEqual({ en: input.label.en, fr: label });
      await expectOneAdminAudit(
        db(),
        res,
        {
          action: 'admin.code.update',
          adminId: w.admin.id,
          target: `code:study_flag/${input.code}`,
        },
        [label],
      );
    });

    it('refuses an empty change, a label taken by another active code, and an unknown code', async () => {
      await expectUnchanged(() => asAdmin('PATCH', url('gender', 'male'), {}), 400);
      await expectUnchanged(() => asAdmin('PATCH', url('gender', 'male'), { label: {} }), 400);
      const taken = await expectUnchanged(
        () => asAdmin('PATCH', url('gender', 'male'), { label: { en: 'female' } }),
        409,
      );
      expect(taken.json().invalidParams[0].path).toBe('label.en');
      await expectUnchanged(
        () => asAdmin('PATCH', url('gender', 'nobody'), { label: { en: 'X' } }),
        404,
      );
      // Its own label in another case is no clash.
      const own = await asAdmin('PATCH', url('gender', 'male'), { label: { en: 'MALE' } });
      expect(own.statusCode).toBe(200);
      await asAdmin('PATCH', url('gender', 'male'), { label: { en: 'Male' } });
    });

    it('moves a code to a position; the others keep their order', async () => {
      const before = (await codesOf('age_band')).map((c) => c.code);
      const res = await asAdmin('PATCH', url('age_band', 'unknown'), { position: 1 });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().position).toBe(1);
      const after = (await codesOf('age_band')).map((c) => c.code);
      expect(after).toEqual(['unknown', ...before.filter((code) => code !== 'unknown')]);
      expect((await taxonomyEntries('age_band')).map((e) => e.code)).toEqual(after);

      await asAdmin('PATCH', url('age_band', 'unknown'), { position: before.length });
      expect((await codesOf('age_band')).map((c) => c.code)).toEqual(before);
      await expectUnchanged(
        () => asAdmin('PATCH', url('age_band', 'unknown'), { position: before.length + 1 }),
        422,
      );
      await expectUnchanged(
        () => asAdmin('PATCH', url('age_band', 'unknown'), { position: 0 }),
        400,
      );
    });

    it('moves a risk factor among its category’s factors only', async () => {
      const all = await codesOf('risk_factor');
      const res = await asAdmin('PATCH', url('risk_factor', 'alcohol.abuse_in_home'), {
        position: 1,
      });
      expect(res.statusCode, res.body).toBe(200);
      const after = await codesOf('risk_factor');
      expect(after.filter((f) => f.categoryCode === 'alcohol').map((f) => f.code)).toEqual([
        'alcohol.abuse_in_home',
        'alcohol.use',
        'alcohol.abuse',
      ]);
      const others = (rows: typeof all) =>
        rows.filter((f) => f.categoryCode !== 'alcohol').map((f) => [f.code, f.position]);
      expect(others(after)).toEqual(others(all));
    });
  });

  describe('retiring and reinstating', () => {
    it('retires a code: kept on record, no longer accepted for new data; reinstating offers it again', async () => {
      const input = fresh('sector');
      await asAdmin('POST', url('sector'), input);
      const agency = await asAdmin('POST', '/api/admin/agencies', {
        name: uniqueName('Agency'),
        sector: input.code,
      });
      expect(agency.statusCode).toBe(201);

      const res = await asAdmin('POST', url('sector', input.code, 'retire'));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().retiredAt).toEqual(expect.any(String));
      await expectOneAdminAudit(db(), res, {
        action: 'admin.code.retire',
        adminId: w.admin.id,
        target: `code:sector/${input.code}`,
      });
      expect((await taxonomyEntries('sector')).find((e) => e.code === input.code)).toEqual({
        code: input.code,
        label: input.label,
        retired: true,
      });
      const refused = await asAdmin('POST', '/api/admin/agencies', {
        name: uniqueName('Agency'),
        sector: input.code,
      });
      expect(refused.statusCode).toBe(400);
      // The agency that has it keeps it.
      const kept = await asAdmin('GET', `/api/admin/agencies/${agency.json().id}`);
      expect(kept.json().sector).toBe(input.code);

      // Retiring again writes nothing.
      const audit = await countAudit(db());
      expect((await asAdmin('POST', url('sector', input.code, 'retire'))).statusCode).toBe(200);
      expect(await countAudit(db())).toBe(audit);

      const back = await asAdmin('POST', url('sector', input.code, 'reinstate'));
      expect(back.statusCode).toBe(200);
      expect(back.json().retiredAt).toBeNull();
      await expectOneAdminAudit(db(), back, {
        action: 'admin.code.reinstate',
        adminId: w.admin.id,
        target: `code:sector/${input.code}`,
      });
      expect((await taxonomyEntries('sector')).find((e) => e.code === input.code)?.retired).toBe(
        false,
      );
    });

    it('retiring a risk category retires its factors for new data; a factor waits for its category', async () => {
      const category = fresh('cat');
      await asAdmin('POST', url('risk_category'), category);
      const factor = {
        code: `${category.code}.one`,
        label: { en: `${category.label.en} – one`, fr: `${category.label.fr} – un` },
        categoryCode: category.code,
      };
      expect((await asAdmin('POST', url('risk_factor'), factor)).statusCode).toBe(201);
      expect(
        (await asAdmin('POST', url('risk_category', category.code, 'retire'))).statusCode,
      ).toBe(200);
      expect(
        (await taxonomyEntries('risk_factor')).find((e) => e.code === factor.code)?.retired,
      ).toBe(true);
      // No new factor in a retired category.
      await expectUnchanged(
        () =>
          asAdmin('POST', url('risk_factor'), {
            ...factor,
            code: `${category.code}.two`,
            label: { en: 'Two', fr: 'Deux' },
          }),
        422,
      );
      // A retired factor of a retired category cannot come back before its category.
      expect((await asAdmin('POST', url('risk_factor', factor.code, 'retire'))).statusCode).toBe(
        200,
      );
      const early = await expectUnchanged(
        () => asAdmin('POST', url('risk_factor', factor.code, 'reinstate')),
        422,
      );
      expect(early.json().invalidParams[0].path).toBe('categoryCode');
      await asAdmin('POST', url('risk_category', category.code, 'reinstate'));
      expect((await asAdmin('POST', url('risk_factor', factor.code, 'reinstate'))).statusCode).toBe(
        200,
      );
    });

    it('keeps one active code in every list', async () => {
      const flags = await codesOf('study_flag');
      const active = flags.filter((c) => c.retiredAt === null);
      for (const flag of active.slice(1)) {
        expect((await asAdmin('POST', url('study_flag', flag.code, 'retire'))).statusCode).toBe(
          200,
        );
      }
      const last = await expectUnchanged(
        () => asAdmin('POST', url('study_flag', active[0]!.code, 'retire')),
        422,
      );
      expect(last.json().detail).toMatch(/last active code/);
      for (const flag of active.slice(1)) {
        await asAdmin('POST', url('study_flag', flag.code, 'reinstate'));
      }
      expect((await codesOf('study_flag')).filter((c) => c.retiredAt === null)).toHaveLength(
        active.length,
      );
    });

    it('refuses to reinstate a code whose label an active code has taken meanwhile (409)', async () => {
      const first = fresh('first');
      await asAdmin('POST', url('study_flag'), first);
      await asAdmin('POST', url('study_flag', first.code, 'retire'));
      const second = { ...fresh('second'), label: first.label };
      expect((await asAdmin('POST', url('study_flag'), second)).statusCode).toBe(201);
      const res = await expectUnchanged(
        () => asAdmin('POST', url('study_flag', first.code, 'reinstate')),
        409,
      );
      expect(res.json().invalidParams[0].path).toBe('label.en');
    });
  });

  it('takes concurrent additions to one list in turn: every one lands, positions stay distinct', async () => {
    const inputs = Array.from({ length: 6 }, () => fresh('together'));
    const results = await Promise.all(
      inputs.map((input) => asAdmin('POST', url('study_flag'), input)),
    );
    expect(results.map((r) => r.statusCode)).toEqual(inputs.map(() => 201));
    const positions = (await codesOf('study_flag')).map((c) => c.position);
    expect(new Set(positions).size).toBe(positions.length);
    const orders = await db()
      .selectFrom('code')
      .select('sort_order')
      .where('list', '=', 'study_flag')
      .execute();
    expect(new Set(orders.map((o) => o.sort_order)).size).toBe(orders.length);
    expect(await countRows(db(), 'code')).toBeGreaterThan(inputs.length);
  });
});
