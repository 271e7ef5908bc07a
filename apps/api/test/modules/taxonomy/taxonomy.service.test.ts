import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  codeListNames,
  entriesOf,
  taxonomySchema,
  type CodeListName,
  type Taxonomy,
} from '@fourfold/shared/taxonomy';
import type { DatabaseHandle } from '../../../src/db/database';
import { AppError } from '../../../src/lib/errors';
import {
  activeCodesOf,
  getTaxonomy,
  isActiveCode,
  requireActiveCode,
} from '../../../src/modules/taxonomy/taxonomy.service';
import { createTestDatabase } from '../../helpers/test-database';

/** The default lists shipped by migration 0004_taxonomy (copied here, never read from elsewhere). */
const expectedCounts: Record<CodeListName, number> = {
  situation_type: 4,
  age_band: 11,
  gender: 6,
  risk_category: 27,
  risk_factor: 81,
  protective_factor: 8,
  study_flag: 5,
  rejection_reason: 3,
  conclusion_reason: 9,
  sector: 20,
  // Added by 0017_everyday_use.
  no_contact_reason: 7,
};

function allEntries(taxonomy: Taxonomy) {
  return codeListNames.flatMap((list) => entriesOf(taxonomy, list));
}

describe('taxonomy service', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());

  describe('the default lists', () => {
    let taxonomy: Taxonomy;
    beforeAll(async () => {
      taxonomy = await getTaxonomy(database.db);
    });

    it('holds every default entry of every list, none retired', () => {
      for (const list of codeListNames) {
        expect({ list, count: entriesOf(taxonomy, list).length }).toEqual({
          list,
          count: expectedCounts[list],
        });
      }
      expect(allEntries(taxonomy).filter((entry) => entry.retired)).toEqual([]);
      expect(taxonomySchema.parse(taxonomy)).toEqual(taxonomy);
    });

    it('keeps the display order of the lists', () => {
      expect(taxonomy.ageBands.map((entry) => entry.code)).toEqual([
        '0_5',
        '6_11',
        '12_15',
        '16_17',
        '18_24',
        '25_29',
        '30_39',
        '40_59',
        '60_plus',
        'multiple',
        'unknown',
      ]);
      expect(taxonomy.riskCategories[0]?.code).toBe('alcohol');
      expect(taxonomy.riskCategories.at(-1)?.code).toBe('unemployment');
      expect(taxonomy.riskCategories[0]?.factors.map((factor) => factor.code)).toEqual([
        'alcohol.use',
        'alcohol.abuse',
        'alcohol.abuse_in_home',
      ]);
      expect(taxonomy.sectors.at(-1)?.code).toBe('other');
    });

    it('labels every entry in French, and translates nearly all of them', () => {
      const entries = allEntries(taxonomy);
      for (const entry of entries) {
        expect(entry.label.en.trim()).not.toBe('');
        expect(entry.label.fr.trim()).not.toBe('');
      }
      const translated = entries.filter((entry) => entry.label.fr !== entry.label.en).length;
      expect(translated / entries.length).toBeGreaterThanOrEqual(0.9);
    });

    it('names every risk factor "Category – descriptor" in both languages', () => {
      for (const category of taxonomy.riskCategories) {
        expect(category.factors.length).toBeGreaterThan(0);
        for (const factor of category.factors) {
          expect(factor.code.startsWith(`${category.code}.`)).toBe(true);
          expect(factor.label.en.startsWith(`${category.label.en} – `)).toBe(true);
          expect(factor.label.fr.startsWith(`${category.label.fr} – `)).toBe(true);
        }
      }
    });

    it('uses the product terms in French', () => {
      const fr = (entries: { code: string; label: { fr: string } }[], code: string) =>
        entries.find((entry) => entry.code === code)?.label.fr;
      expect(fr(taxonomy.rejectionReasons, 'not_aer')).toMatch(/risque aigu élevé/);
      expect(fr(taxonomy.rejectionReasons, 'single_agency')).toMatch(/organisme/);
      expect(fr(taxonomy.conclusionReasons, 'lowered_connected')).toMatch(
        /^Risque global réduit – /,
      );
      expect(fr(taxonomy.sectors, 'child_welfare')).toBe('Bien-être de l’enfance');
    });

    it('writes apostrophes typographically in every label', () => {
      const labels = allEntries(taxonomy).flatMap((entry) => [entry.label.en, entry.label.fr]);
      expect(labels.filter((label) => label.includes("'"))).toEqual([]);
      expect(labels.some((label) => label.includes('’'))).toBe(true);
    });

    it('says which conclusion reasons lowered the overall risk', () => {
      const lowered = taxonomy.conclusionReasons.filter((reason) => reason.riskLowered);
      expect(lowered.map((reason) => reason.code)).toEqual([
        'lowered_connected',
        'lowered_informed',
        'lowered_already_connected',
        'lowered_other',
      ]);
    });
  });

  describe('active codes', () => {
    it('accepts an active code only in its own list', async () => {
      expect(await isActiveCode(database.db, 'sector', 'police')).toBe(true);
      expect(await isActiveCode(database.db, 'risk_factor', 'alcohol.use')).toBe(true);
      expect(await isActiveCode(database.db, 'gender', 'police')).toBe(false);
      expect(await isActiveCode(database.db, 'sector', 'no_such_code')).toBe(false);
      expect(await activeCodesOf(database.db, 'situation_type')).toEqual([
        'individual',
        'family',
        'group',
        'location',
      ]);
    });

    it('reports a retired code as retired and no longer offers it', async () => {
      await retire('sector', 'bylaw');
      const taxonomy = await getTaxonomy(database.db);
      expect(taxonomy.sectors.find((entry) => entry.code === 'bylaw')).toMatchObject({
        retired: true,
        label: { en: 'Bylaw' },
      });
      expect(taxonomy.sectors).toHaveLength(expectedCounts.sector);
      const active = await activeCodesOf(database.db, 'sector');
      expect(active).not.toContain('bylaw');
      expect(active).toHaveLength(expectedCounts.sector - 1);
      expect(await isActiveCode(database.db, 'sector', 'bylaw')).toBe(false);
    });

    it('retires the factors of a retired risk category with it', async () => {
      await retire('risk_category', 'gambling');
      const taxonomy = await getTaxonomy(database.db);
      const gambling = taxonomy.riskCategories.find((category) => category.code === 'gambling');
      expect(gambling?.retired).toBe(true);
      expect(gambling?.factors.map((factor) => factor.retired)).toEqual([true, true, true]);
      const active = await activeCodesOf(database.db, 'risk_factor');
      expect(active.filter((code) => code.startsWith('gambling.'))).toEqual([]);
      expect(active).toHaveLength(expectedCounts.risk_factor - 3);
      expect(await isActiveCode(database.db, 'risk_factor', 'gambling.harm_self')).toBe(false);
      expect(await isActiveCode(database.db, 'risk_category', 'gambling')).toBe(false);
    });

    it('refuses an inactive code as a validation error naming the field, not the value', async () => {
      await expect(
        requireActiveCode(database.db, 'sector', 'police', { in: 'body', path: 'sector' }),
      ).resolves.toBeUndefined();
      const attempt = requireActiveCode(database.db, 'sector', 'Jane Doe', {
        in: 'body',
        path: 'sector',
      });
      await expect(attempt).rejects.toBeInstanceOf(AppError);
      const error = (await attempt.catch((e: unknown) => e)) as AppError;
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.invalidParams).toEqual([
        { in: 'body', path: 'sector', message: expect.any(String) },
      ]);
      expect(JSON.stringify(error.invalidParams)).not.toContain('Jane');
    });

    async function retire(list: CodeListName, code: string) {
      const result = await database.db
        .updateTable('code')
        .set({ retired_at: new Date(), updated_at: new Date() })
        .where('list', '=', list)
        .where('code', '=', code)
        .executeTakeFirstOrThrow();
      expect(result.numUpdatedRows).toBe(1n);
    }
  });

  describe('the table constraints', () => {
    class RolledBack extends Error {}

    /** Inserts one code and rolls back: 'inserted', or the SQLSTATE of the refusal. */
    async function insertRolledBack(values: {
      list: string;
      code: string;
      category_code?: string;
      risk_lowered?: boolean;
    }): Promise<string> {
      return database.db
        .transaction()
        .execute(async (trx) => {
          await sql`
            insert into code (list, code, category_code, risk_lowered, sort_order, label_en, label_fr)
            values (${values.list}, ${values.code}, ${values.category_code ?? null},
              ${values.risk_lowered ?? null}, 999, ${`Test ${values.code}`}, ${`Essai ${values.code}`})
          `.execute(trx);
          throw new RolledBack();
        })
        .catch((error: unknown) =>
          // 23505 unique, 23503 foreign key, 23514 check.
          error instanceof RolledBack ? 'inserted' : String((error as { code?: unknown }).code),
        );
    }

    it('accepts exactly the list names the shared package knows', async () => {
      for (const list of codeListNames) {
        const extra =
          list === 'risk_factor'
            ? { category_code: 'alcohol' }
            : list === 'conclusion_reason'
              ? { risk_lowered: false }
              : {};
        expect({
          list,
          outcome: await insertRolledBack({ list, code: 'zz_test', ...extra }),
        }).toEqual({ list, outcome: 'inserted' });
      }
      expect(await insertRolledBack({ list: 'colour', code: 'zz_test' })).toBe('23514');
    });

    it('refuses duplicates, malformed codes, factors without a real category, misplaced columns', async () => {
      expect(await insertRolledBack({ list: 'sector', code: 'Bad Code' })).toBe('23514');
      expect(await insertRolledBack({ list: 'sector', code: 'police' })).toBe('23505');
      expect(
        await insertRolledBack({ list: 'risk_factor', code: 'x.y', category_code: 'no_such' }),
      ).toBe('23503');
      expect(await insertRolledBack({ list: 'risk_factor', code: 'x.y' })).toBe('23514');
      expect(
        await insertRolledBack({ list: 'sector', code: 'zz_test', category_code: 'alcohol' }),
      ).toBe('23514');
      expect(await insertRolledBack({ list: 'conclusion_reason', code: 'zz_test' })).toBe('23514');
    });
  });
});
