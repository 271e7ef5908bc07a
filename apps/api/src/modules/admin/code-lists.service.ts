/**
 * Administrators' editing of the code lists: add a code, relabel it, move it, retire it and
 * reinstate it. A code never changes and is never deleted, because situations and statistics keep
 * referring to it; retiring only stops forms from offering it.
 *
 * Rules kept here, each answered with the field it concerns:
 * - a risk factor belongs to an active risk category and its code starts with "<category>.";
 *   a conclusion reason says whether the risk was lowered; no other list takes either field;
 * - a code is unique in its list for ever (a retired one is not reused: old records would change
 *   meaning); two active codes of a list never share a label in either language;
 * - every list keeps at least one active code, so no form is left with nothing to choose;
 * - positions count within the list, or for a risk factor within its category.
 * Every write and its audit event (target "code:<list>/<code>") commit in one transaction.
 */
import type { Kysely } from 'kysely';
import type { AdminCode, AdminCodeList, CodeCreate, CodeUpdate } from '@fourfold/shared/admin';
import type { CodeListName } from '@fourfold/shared/taxonomy';
import type { DB } from '../../db/schema';
import { notFound } from '../../lib/errors';
import {
  auditAdmin,
  auditTarget,
  isUniqueViolation,
  taken,
  unprocessable,
  type AdminContext,
} from './admin-context';
import * as repo from './code-lists.repository';
import { iso } from '../../lib/iso';

const CODE_TAKEN =
  'This code is already in the list (perhaps retired). Codes are never reused; choose another.';
const LABEL_TAKEN = {
  en: 'Another active code of this list already has this English label.',
  fr: 'Another active code of this list already has this French label.',
};

/** The codes a position counts among: the list, or a risk factor's fellow factors. */
function groupOf(rows: readonly repo.EditableCodeRow[], row: repo.EditableCodeRow) {
  return rows.filter((other) => other.category_code === row.category_code);
}

function toAdminCode(rows: readonly repo.EditableCodeRow[], row: repo.EditableCodeRow): AdminCode {
  return {
    list: row.list,
    code: row.code,
    label: { en: row.label_en, fr: row.label_fr },
    position: groupOf(rows, row).findIndex((other) => other.code === row.code) + 1,
    categoryCode: row.category_code,
    riskLowered: row.risk_lowered,
    retiredAt: row.retired_at === null ? null : iso(row.retired_at),
    updatedAt: iso(row.updated_at),
  };
}

/** The label clashes with another active code of the list: which languages, if any. */
function labelClashes(
  rows: readonly repo.EditableCodeRow[],
  code: string,
  label: { en: string; fr: string },
): ('en' | 'fr')[] {
  const active = rows.filter((row) => row.retired_at === null && row.code !== code);
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  return (['en', 'fr'] as const).filter((language) =>
    active.some((row) => same(language === 'en' ? row.label_en : row.label_fr, label[language])),
  );
}

function refuseLabelClash(clashes: readonly ('en' | 'fr')[]) {
  const language = clashes[0];
  if (language) throw taken(`label.${language}`, LABEL_TAKEN[language]);
}

/**
 * The codes of the list in their new order after moving `code` to `position` within its group:
 * the places the group holds in the list stay the group's, refilled in the group's new order, so
 * a risk factor moves among its category's factors and nothing else moves.
 */
function orderAfterMove(
  rows: readonly repo.EditableCodeRow[],
  row: repo.EditableCodeRow,
  position: number,
): string[] {
  const group = groupOf(rows, row).map((other) => other.code);
  const reordered = group.filter((code) => code !== row.code);
  reordered.splice(Math.min(position, group.length) - 1, 0, row.code);
  let next = 0;
  return rows.map((other) =>
    other.category_code === row.category_code ? reordered[next++]! : other.code,
  );
}

export function createCodeListsService(db: Kysely<DB>) {
  async function read(list: CodeListName, code: string): Promise<AdminCode> {
    const rows = await repo.listCodesOf(db, list);
    const row = rows.find((candidate) => candidate.code === code);
    if (!row) throw notFound();
    return toAdminCode(rows, row);
  }

  /** Runs a write, answering a uniqueness race that slipped past the checks as a conflict. */
  async function writing(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (error.constraint === 'code_label_fr_unique') throw taken('label.fr', LABEL_TAKEN.fr);
      if (error.constraint === 'code_label_en_unique') throw taken('label.en', LABEL_TAKEN.en);
      throw taken('code', CODE_TAKEN);
    }
  }

  /** Checks the fields that belong to one list only. */
  async function requireListFields(trx: Kysely<DB>, list: CodeListName, input: CodeCreate) {
    if (list === 'risk_factor') {
      if (input.categoryCode === undefined) {
        throw unprocessable('categoryCode', 'A risk factor needs its risk category.');
      }
      const category = await repo.findCode(trx, 'risk_category', input.categoryCode);
      if (!category || category.retired_at !== null) {
        throw unprocessable('categoryCode', 'Not an active risk category.');
      }
      if (!input.code.startsWith(`${input.categoryCode}.`) || input.code.endsWith('.')) {
        throw unprocessable(
          'code',
          'A risk factor’s code starts with its category’s code and a dot, e.g. "housing.eviction".',
        );
      }
    } else if (input.categoryCode !== undefined) {
      throw unprocessable('categoryCode', 'Only a risk factor has a risk category.');
    }
    if (list === 'conclusion_reason') {
      if (input.riskLowered === undefined) {
        throw unprocessable(
          'riskLowered',
          'Say whether this conclusion means the risk was lowered.',
        );
      }
    } else if (input.riskLowered !== undefined) {
      throw unprocessable('riskLowered', 'Only a conclusion reason says whether risk was lowered.');
    }
  }

  async function setRetired(ctx: AdminContext, list: CodeListName, code: string, retired: boolean) {
    await db.transaction().execute(async (trx) => {
      const rows = await repo.lockCodesOf(trx, list);
      const row = rows.find((candidate) => candidate.code === code);
      if (!row) throw notFound();
      // Asked for what already is: nothing to write, nothing to audit.
      if ((row.retired_at !== null) === retired) return;
      if (retired) {
        const othersActive = rows.some((other) => other.code !== code && other.retired_at === null);
        if (!othersActive) {
          throw unprocessable(
            'code',
            'This is the last active code of the list; add another before retiring it.',
          );
        }
      } else {
        if (row.category_code !== null) {
          const category = await repo.findCode(trx, 'risk_category', row.category_code);
          if (category?.retired_at !== null) {
            throw unprocessable(
              'categoryCode',
              'Its risk category is retired; reinstate the category first.',
            );
          }
        }
        refuseLabelClash(labelClashes(rows, code, { en: row.label_en, fr: row.label_fr }));
      }
      await repo.updateCode(trx, list, code, { retired });
      await auditAdmin(trx, ctx, retired ? 'code.retire' : 'code.reinstate', {
        target: auditTarget.code(list, code),
      });
    });
    return read(list, code);
  }

  return {
    async list(list: CodeListName): Promise<AdminCodeList> {
      const rows = await repo.listCodesOf(db, list);
      return { list, items: rows.map((row) => toAdminCode(rows, row)) };
    },

    get: read,

    async create(ctx: AdminContext, list: CodeListName, input: CodeCreate): Promise<AdminCode> {
      await writing(() =>
        db.transaction().execute(async (trx) => {
          await requireListFields(trx, list, input);
          const rows = await repo.lockCodesOf(trx, list);
          if (rows.some((row) => row.code === input.code)) throw taken('code', CODE_TAKEN);
          refuseLabelClash(labelClashes(rows, input.code, input.label));
          // Last in the list; a risk factor thereby comes last among its category's factors.
          const sortOrder = Math.max(0, ...rows.map((row) => row.sort_order)) + 1;
          await repo.insertCode(trx, {
            list,
            code: input.code,
            labelEn: input.label.en,
            labelFr: input.label.fr,
            sortOrder,
            categoryCode: input.categoryCode ?? null,
            riskLowered: input.riskLowered ?? null,
          });
          await auditAdmin(trx, ctx, 'code.create', { target: auditTarget.code(list, input.code) });
        }),
      );
      return read(list, input.code);
    },

    async update(
      ctx: AdminContext,
      list: CodeListName,
      code: string,
      input: CodeUpdate,
    ): Promise<AdminCode> {
      await writing(() =>
        db.transaction().execute(async (trx) => {
          const rows = await repo.lockCodesOf(trx, list);
          const row = rows.find((candidate) => candidate.code === code);
          if (!row) throw notFound();
          if (input.label !== undefined) {
            const label = {
              en: input.label.en ?? row.label_en,
              fr: input.label.fr ?? row.label_fr,
            };
            // A retired code may share a label with an active one: reinstating it checks again.
            if (row.retired_at === null) refuseLabelClash(labelClashes(rows, code, label));
            await repo.updateCode(trx, list, code, { labelEn: label.en, labelFr: label.fr });
          }
          if (input.position !== undefined) {
            const groupSize = groupOf(rows, row).length;
            if (input.position > groupSize) {
              throw unprocessable('position', `Choose a position from 1 to ${groupSize}.`);
            }
            await repo.renumberCodes(trx, list, orderAfterMove(rows, row, input.position));
          }
          await auditAdmin(trx, ctx, 'code.update', { target: auditTarget.code(list, code) });
        }),
      );
      return read(list, code);
    },

    retire: (ctx: AdminContext, list: CodeListName, code: string) =>
      setRetired(ctx, list, code, true),
    reinstate: (ctx: AdminContext, list: CodeListName, code: string) =>
      setRetired(ctx, list, code, false),
  };
}

export type CodeListsService = ReturnType<typeof createCodeListsService>;
