/**
 * The situation form: filter 1 (the originating agency's own screening), the de-identified facts
 * presented at filter 2, and — for a new situation — the identity, in its own protected section.
 * The summary is checked for personal data while the person types; words that look like a name
 * are confirmed by the author, word by word, before the draft can be presented. Saving does not present
 * anything: the draft stays within the agency until it is presented from the situation page.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  isSoftFinding,
  namePartsOf,
  type PersonalDataFinding,
} from '@fourfold/shared/personal-data';
import type { Identity, Situation, SituationDraft } from '@fourfold/shared/situations';
import {
  entriesOf,
  isActiveCodeIn,
  type CodeEntry,
  type CodeListName,
  type Language,
  type Taxonomy,
} from '@fourfold/shared/taxonomy';
import { ErrorSummary } from '../../../components/error-summary';
import { SelectField } from '../../../components/form-fields';
import { ApiError } from '../../../lib/api-client';
import type { FieldError } from '../../../lib/field-errors';
import { riskFactorGroups, type CodeGroup } from '../utils/code-filter';
import { filter1Order } from '../utils/filter1-order';
import { localToday } from '../../../lib/format';
import { draftErrorsOf, toDraft, type DraftErrorKey, type DraftValues } from '../utils/draft-form';
import {
  emptyIdentity,
  hasIdentityErrors,
  identityErrorsOf,
  isIdentityBlank,
  toIdentity,
  type IdentityValues,
} from '../utils/identity-form';
import { CodeChecklist } from './code-checklist';
import { IdentityFields, personFieldId, ProtectedPanel } from './identity-fields';
import { SummaryField, useSummaryFindings } from './summary-field';
import { WriteError } from './write-error';

export type SituationFormResult = { draft: SituationDraft; identity: Identity | null };

type SituationFormProps = {
  taxonomy: Taxonomy;
  language: Language;
  minRiskFactors: number;
  initial: DraftValues;
  withIdentity: boolean;
  saving: boolean;
  /** The last save's failure, if any. */
  error: unknown;
  onReload: () => void;
  onSave: (result: SituationFormResult) => void;
  cancelTo: string;
  /** Shown above the form while a half-finished save can be completed. */
  notice?: string | null;
  /** The draft as it was loaded: a stale save then says what someone else changed. */
  loaded?: Situation;
};

const ID = 'situation-form';
const fieldIds: Record<DraftErrorKey, string> = {
  situationType: `${ID}-situation-type`,
  ageBand: `${ID}-age-band`,
  gender: `${ID}-gender`,
  situationTypeRetired: `${ID}-situation-type`,
  ageBandRetired: `${ID}-age-band`,
  genderRetired: `${ID}-gender`,
  riskFactorsRetired: `${ID}-risk-factors`,
  protectiveFactorsRetired: `${ID}-protective-factors`,
  studyFlagsRetired: `${ID}-study-flags`,
  summaryRequired: `${ID}-summary`,
  summaryTooLong: `${ID}-summary`,
  summaryPersonalData: `${ID}-summary`,
};

const noFindings: PersonalDataFinding[] = [];

export function SituationForm({
  taxonomy,
  language,
  minRiskFactors,
  initial,
  withIdentity,
  saving,
  error,
  onReload,
  onSave,
  cancelTo,
  notice,
  loaded,
}: SituationFormProps) {
  const { t } = useTranslation('situations');
  const [values, setValues] = useState<DraftValues>(initial);
  const [identity, setIdentity] = useState<IdentityValues>(emptyIdentity);
  const [attempt, setAttempt] = useState(0);
  const [submittedSummary, setSubmittedSummary] = useState<string | null>(null);
  const today = localToday();

  const names = useMemo(
    () =>
      withIdentity
        ? namePartsOf(
            identity.people.map((p) => ({ givenName: p.givenName, familyName: p.familyName })),
          )
        : [],
    [identity.people, withIdentity],
  );

  // The API's findings hold for the text it was sent (trimmed), as long as it is unchanged.
  const serverFindings = useMemo(() => {
    if (
      !(error instanceof ApiError) ||
      (error.code !== 'PERSONAL_DATA_IN_SUMMARY' && error.code !== 'NAMES_NOT_CONFIRMED')
    ) {
      return noFindings;
    }
    if (submittedSummary === null || submittedSummary !== values.summary) return noFindings;
    const lead = values.summary.length - values.summary.trimStart().length;
    return error.personalData
      .filter((finding) => finding.field === 'summary' || finding.field.endsWith('summary'))
      .map(({ kind, start, end }) => ({ kind, start: start + lead, end: end + lead }));
  }, [error, submittedSummary, values.summary]);

  const findings = useSummaryFindings(values.summary, names, serverFindings);
  // Possible names do not stop a save: the author confirms them (or not) before presenting.
  const hardFound = findings.some((finding) => !isSoftFinding(finding));
  const draftErrors = draftErrorsOf(values, hardFound, (list, code) =>
    isActiveCodeIn(taxonomy, list, code),
  );
  const identityErrors = withIdentity ? identityErrorsOf(identity, today) : null;
  const showErrors = attempt > 0;

  // Forms offer active codes only, plus any retired one the situation already carries, marked
  // as such: it must be replaced before the draft is saved again.
  const offered = (list: CodeListName, keep: readonly string[]) =>
    entriesOf(taxonomy, list).filter((entry) => !entry.retired || keep.includes(entry.code));
  const offeredLabel = (entry: CodeEntry) =>
    entry.retired
      ? t('form.retiredOption', { label: entry.label[language] })
      : entry.label[language];

  const riskGroups = useMemo(
    () =>
      riskFactorGroups(taxonomy.riskCategories, language, initial.riskFactors).map((group) => ({
        ...group,
        options: group.options.map((option) =>
          isActiveCodeIn(taxonomy, 'risk_factor', option.code)
            ? option
            : { ...option, label: t('form.retiredOption', { label: option.label }) },
        ),
      })),
    [taxonomy, language, initial.riskFactors, t],
  );
  const flatGroup = (list: 'protective_factor' | 'study_flag', keep: string[]): CodeGroup[] => [
    {
      code: list,
      label: '',
      options: offered(list, keep).map((entry) => ({
        code: entry.code,
        label: offeredLabel(entry),
      })),
    },
  ];

  const summaryErrors: FieldError[] = [];
  const errorMessage = (key: DraftErrorKey) => t(`form.errors.${key}`);
  for (const key of draftErrors) {
    summaryErrors.push({ fieldId: fieldIds[key], message: errorMessage(key) });
  }
  if (identityErrors) {
    if (identityErrors.person) {
      summaryErrors.push({
        fieldId: personFieldId(`${ID}-identity`, identity.people[0]?.key ?? '', 'givenName'),
        message: t('identity.errors.personRequired'),
      });
    }
    identity.people.forEach((person, index) => {
      const personErrors = identityErrors.people[person.key];
      if (!personErrors) return;
      for (const field of ['givenName', 'familyName', 'dateOfBirth'] as const) {
        const problem = personErrors[field];
        if (!problem) continue;
        summaryErrors.push({
          fieldId: personFieldId(`${ID}-identity`, person.key, field),
          message: t('identity.errors.ofPerson', {
            number: index + 1,
            message:
              field === 'dateOfBirth'
                ? t(`identity.errors.dateOfBirth.${problem as 'invalid' | 'future'}`)
                : t(`identity.errors.${field}`),
          }),
        });
      }
    });
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempt((count) => count + 1);
    if (draftErrors.length > 0 || (identityErrors && hasIdentityErrors(identityErrors))) return;
    setSubmittedSummary(values.summary);
    onSave({
      draft: toDraft(values),
      identity: withIdentity && !isIdentityBlank(identity) ? toIdentity(identity) : null,
    });
  };

  const fieldError = (key: DraftErrorKey) =>
    showErrors && draftErrors.includes(key) ? errorMessage(key) : undefined;

  const select = (
    key: 'situationType' | 'ageBand' | 'gender',
    list: 'situation_type' | 'age_band' | 'gender',
    idSuffix: string,
  ) => {
    return (
      <SelectField
        id={`${ID}-${idSuffix}`}
        label={t(`form.${key}`)}
        error={fieldError(key) ?? fieldError(`${key}Retired`)}
        value={values[key]}
        onChange={(value) => setValues({ ...values, [key]: value })}
        emptyLabel={t('form.choose')}
        options={offered(list, [initial[key]]).map((entry) => ({
          value: entry.code,
          label: offeredLabel(entry),
        }))}
      />
    );
  };

  return (
    <form className="situation-form" onSubmit={submit} noValidate>
      {showErrors ? <ErrorSummary errors={summaryErrors} attempt={attempt} /> : null}
      {notice ? (
        <div className="alert situations-alert--info" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <WriteError error={error} onReload={onReload} situation={loaded} />

      <fieldset className="filter1">
        <legend className="filter1__legend">{t('filter1.legend')}</legend>
        <p className="field__hint">{t('filter1.intro')}</p>
        <p className="field__hint">{t('filter1.answerLater')}</p>
        {filter1Order.map((question) => {
          const answer = values.filter1[question];
          const name = `${ID}-${question}`;
          const setAnswer = (value: boolean) =>
            setValues({ ...values, filter1: { ...values.filter1, [question]: value } });
          return (
            <fieldset key={question} className="filter1__question">
              <legend>{t(`filter1.questions.${question}`)}</legend>
              <div className="filter1__answers">
                <div className="field--checkbox">
                  <input
                    type="radio"
                    id={`${name}-yes`}
                    name={name}
                    checked={answer === true}
                    onChange={() => setAnswer(true)}
                  />
                  <label htmlFor={`${name}-yes`}>{t('filter1.yes')}</label>
                </div>
                <div className="field--checkbox">
                  <input
                    type="radio"
                    id={`${name}-no`}
                    name={name}
                    checked={answer === false}
                    onChange={() => setAnswer(false)}
                  />
                  <label htmlFor={`${name}-no`}>{t('filter1.no')}</label>
                </div>
              </div>
            </fieldset>
          );
        })}
        {filter1Order.some((question) => values.filter1[question] === false) ? (
          <p className="filter1__warning">{t('filter1.notAllYes')}</p>
        ) : null}
      </fieldset>

      <section aria-labelledby={`${ID}-facts-heading`}>
        <h2 id={`${ID}-facts-heading`}>{t('form.factsHeading')}</h2>
        <p className="field__hint">{t('form.factsIntro')}</p>
        <div className="situation-form__codes">
          {select('situationType', 'situation_type', 'situation-type')}
          {select('ageBand', 'age_band', 'age-band')}
          {select('gender', 'gender', 'gender')}
        </div>
        <CodeChecklist
          id={`${ID}-risk-factors`}
          legend={t('form.riskFactors')}
          hint={t('form.riskFactorsHint', { count: minRiskFactors })}
          groups={riskGroups}
          error={fieldError('riskFactorsRetired')}
          searchable
          selected={values.riskFactors}
          onChange={(riskFactors) => setValues({ ...values, riskFactors })}
        />
        <CodeChecklist
          id={`${ID}-protective-factors`}
          legend={t('form.protectiveFactors')}
          hint={t('form.protectiveFactorsHint')}
          groups={flatGroup('protective_factor', initial.protectiveFactors)}
          error={fieldError('protectiveFactorsRetired')}
          flat
          selected={values.protectiveFactors}
          onChange={(protectiveFactors) => setValues({ ...values, protectiveFactors })}
        />
        <CodeChecklist
          id={`${ID}-study-flags`}
          legend={t('form.studyFlags')}
          hint={t('form.studyFlagsHint')}
          groups={flatGroup('study_flag', initial.studyFlags)}
          error={fieldError('studyFlagsRetired')}
          flat
          selected={values.studyFlags}
          onChange={(studyFlags) => setValues({ ...values, studyFlags })}
        />
        <SummaryField
          id={`${ID}-summary`}
          value={values.summary}
          onChange={(summary) => setValues({ ...values, summary })}
          names={names}
          serverFindings={serverFindings}
          notNames={values.notNames}
          onNotNamesChange={(notNames) => setValues({ ...values, notNames })}
          error={
            fieldError('summaryRequired') ??
            fieldError('summaryTooLong') ??
            fieldError('summaryPersonalData')
          }
        />
      </section>

      {withIdentity ? (
        <ProtectedPanel headingId={`${ID}-identity-heading`} heading={t('identity.heading')}>
          <p>{t('identity.intro')}</p>
          <p className="field__hint">{t('identity.optional')}</p>
          <IdentityFields
            idPrefix={`${ID}-identity`}
            values={identity}
            onChange={setIdentity}
            errors={showErrors ? identityErrors : null}
          />
        </ProtectedPanel>
      ) : (
        <p className="field__hint">{t('form.identityElsewhere')}</p>
      )}

      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? t('form.saving') : t('form.save')}
        </button>
        <Link to={cancelTo} className="situations-cancel-link">
          {t('form.cancel')}
        </Link>
      </div>
      <p className="field__hint">{t('form.saveExplains')}</p>
    </form>
  );
}
