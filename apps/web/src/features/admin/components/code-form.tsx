/**
 * Adding a code to a list, or relabelling one. A code is typed once and never changes (records and
 * statistics refer to it); its labels are what people see, in English and in French. A risk
 * factor also names its risk category, and a conclusion reason whether the risk was lowered.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CODE_LABEL_MAX_LENGTH, type AdminCode } from '@fourfold/shared/admin';
import type { ErrorCode } from '@fourfold/shared/error-codes';
import {
  activeCodes,
  CODE_MAX_LENGTH,
  CODE_PATTERN,
  type CodeListName,
} from '@fourfold/shared/taxonomy';
import { SelectField, TextField } from '../../../components/form-fields';
import { errorFor, type FieldError } from '../../../lib/field-errors';
import { useCodeLabels } from '../../taxonomy/hooks/use-code-labels';
import { useAdminForm } from '../hooks/use-admin-form';
import { AdminForm, type AdminFormProps } from './admin-form';

/** The API's paths of the form's fields, to their names in the catalogue. */
const FIELD_KEYS = {
  code: 'code',
  'label.en': 'labelEn',
  'label.fr': 'labelFr',
  categoryCode: 'categoryCode',
  riskLowered: 'riskLowered',
} as const;

export type CodeFormValues = {
  code: string;
  label: { en: string; fr: string };
  categoryCode?: string;
  riskLowered?: boolean;
};

export function CodeForm({
  list,
  existing,
  idPrefix,
  submitLabel,
  onSubmit,
  onCancel,
}: AdminFormProps<CodeFormValues> & {
  list: CodeListName;
  /** The code being relabelled; none when adding. */
  existing?: AdminCode;
}) {
  const { t } = useTranslation('admin');
  const { label: codeLabel, taxonomy } = useCodeLabels();
  const [code, setCode] = useState(existing?.code ?? '');
  const [labelEn, setLabelEn] = useState(existing?.label.en ?? '');
  const [labelFr, setLabelFr] = useState(existing?.label.fr ?? '');
  const [category, setCategory] = useState('');
  const [riskLowered, setRiskLowered] = useState('');
  const form = useAdminForm();
  const ids = {
    code: `${idPrefix}-code`,
    'label.en': `${idPrefix}-label-en`,
    'label.fr': `${idPrefix}-label-fr`,
    categoryCode: `${idPrefix}-category`,
    riskLowered: `${idPrefix}-risk-lowered`,
  };
  const adding = existing === undefined;
  const isFactor = adding && list === 'risk_factor';
  const isConclusion = adding && list === 'conclusion_reason';
  const categories = taxonomy.data ? activeCodes(taxonomy.data, 'risk_category') : [];

  /** A factor's code starts with its category's: offer the prefix when the category is chosen. */
  function chooseCategory(next: string) {
    if (code === '' || code === `${category}.`) setCode(next ? `${next}.` : '');
    setCategory(next);
  }

  function mistakes(): FieldError[] {
    const found: FieldError[] = [];
    if (adding) {
      if (isFactor && !category) {
        found.push({ fieldId: ids.categoryCode, message: t('codeLists.form.categoryRequired') });
      }
      if (!CODE_PATTERN.test(code) || code.endsWith('.')) {
        found.push({ fieldId: ids.code, message: t('codeLists.form.codeInvalid') });
      } else if (isFactor && category && !code.startsWith(`${category}.`)) {
        found.push({
          fieldId: ids.code,
          message: t('codeLists.form.codePrefix', { prefix: `${category}.` }),
        });
      }
    }
    if (!labelEn.trim()) {
      found.push({ fieldId: ids['label.en'], message: t('codeLists.form.labelEnRequired') });
    }
    if (!labelFr.trim()) {
      found.push({ fieldId: ids['label.fr'], message: t('codeLists.form.labelFrRequired') });
    }
    if (isConclusion && !riskLowered) {
      found.push({ fieldId: ids.riskLowered, message: t('codeLists.form.riskLoweredRequired') });
    }
    return found;
  }

  /** The API's refusal of one field, in the page's language. */
  function refusal(path: string, errorCode: ErrorCode): string {
    if (errorCode === 'CONFLICT') {
      if (path === 'code') return t('codeLists.form.codeTaken');
      if (path === 'label.en') return t('codeLists.form.labelEnTaken');
      if (path === 'label.fr') return t('codeLists.form.labelFrTaken');
    }
    if (path === 'categoryCode') return t('codeLists.form.categoryRequired');
    if (path === 'riskLowered') return t('codeLists.form.riskLoweredRequired');
    if (path === 'code' && isFactor) {
      return t('codeLists.form.codePrefix', { prefix: `${category}.` });
    }
    const field = FIELD_KEYS[path as keyof typeof FIELD_KEYS] ?? 'code';
    return t('form.invalid', { field: t(`codeLists.form.fields.${field}`) });
  }

  function submit() {
    return form.submit({
      found: mistakes(),
      save: async () => {
        await onSubmit({
          code,
          label: { en: labelEn.trim(), fr: labelFr.trim() },
          ...(isFactor ? { categoryCode: category } : {}),
          ...(isConclusion ? { riskLowered: riskLowered === 'yes' } : {}),
        });
        if (adding) {
          setCode(isFactor && category ? `${category}.` : '');
          setLabelEn('');
          setLabelFr('');
          setRiskLowered('');
        }
      },
      fields: ids,
      message: refusal,
    });
  }

  return (
    <AdminForm form={form} onSubmit={submit} submitLabel={submitLabel} onCancel={onCancel}>
      {isFactor ? (
        <SelectField
          id={ids.categoryCode}
          label={t('codeLists.form.category')}
          value={category}
          onChange={chooseCategory}
          emptyLabel={t('form.choose')}
          options={categories.map((value) => ({
            value,
            label: codeLabel('risk_category', value),
          }))}
          required
          error={errorFor(form.errors, ids.categoryCode)}
        />
      ) : null}
      {adding ? (
        <TextField
          id={ids.code}
          label={t('codeLists.form.code')}
          hint={isFactor ? t('codeLists.form.codeHintFactor') : t('codeLists.form.codeHint')}
          value={code}
          onChange={(value) => setCode(value.trim().toLowerCase())}
          autoComplete="off"
          spellCheck={false}
          maxLength={CODE_MAX_LENGTH}
          required
          fieldClassName="admin-code-field"
          error={errorFor(form.errors, ids.code)}
        />
      ) : (
        <p>
          {t('codeLists.form.codeFixed')} <code>{existing.code}</code>
        </p>
      )}
      <TextField
        id={ids['label.en']}
        label={t('codeLists.form.labelEn')}
        value={labelEn}
        onChange={setLabelEn}
        autoComplete="off"
        lang="en"
        maxLength={CODE_LABEL_MAX_LENGTH}
        required
        error={errorFor(form.errors, ids['label.en'])}
      />
      <TextField
        id={ids['label.fr']}
        label={t('codeLists.form.labelFr')}
        value={labelFr}
        onChange={setLabelFr}
        autoComplete="off"
        lang="fr"
        maxLength={CODE_LABEL_MAX_LENGTH}
        required
        error={errorFor(form.errors, ids['label.fr'])}
      />
      {isConclusion ? (
        <SelectField
          id={ids.riskLowered}
          label={t('codeLists.form.riskLowered')}
          hint={t('codeLists.form.riskLoweredHint')}
          value={riskLowered}
          onChange={setRiskLowered}
          emptyLabel={t('form.choose')}
          options={[
            { value: 'yes', label: t('yes') },
            { value: 'no', label: t('no') },
          ]}
          required
          error={errorFor(form.errors, ids.riskLowered)}
        />
      ) : null}
    </AdminForm>
  );
}
