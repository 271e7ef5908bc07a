/**
 * The de-identified summary, checked for personal data while the person types: the same detector
 * the API runs (`findPersonalData`, given the names entered in this form), so that a phone
 * number, a date of birth or a name is caught before the table ever sees it. Each finding is
 * listed with its kind and place, and the text is shown again with the findings marked. Findings
 * from the API (a 422) are shown too, until the text changes.
 *
 * Words that only look like a person's name ("possible names") do not stop the draft from being
 * saved: the author confirms, word by word, that each is not a name — or removes it — and the
 * draft cannot be presented until every one is confirmed (the API keeps the confirmation for
 * exactly the text saved).
 */
import { useDeferredValue, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  findPersonalData,
  isSoftFinding,
  type PersonalDataFinding,
} from '@fourfold/shared/personal-data';
import { SUMMARY_MAX_LENGTH } from '@fourfold/shared/situations';
import { FieldFrame, fieldDescribedBy } from '../../../components/form-fields';
import { possibleNamesIn } from '../utils/draft-form';
import { charactersOf, mergeFindings, segmentsOf } from '../utils/summary-findings';

type SummaryFieldProps = {
  id: string;
  value: string;
  onChange: (value: string) => void;
  /** Given and family names entered for this situation: they must not appear in the summary. */
  names: readonly string[];
  /** Findings the API reported for exactly this text. */
  serverFindings: readonly PersonalDataFinding[];
  /** The possible names the author confirmed are not a person's name. */
  notNames: readonly string[];
  onNotNamesChange: (notNames: string[]) => void;
  error?: string | undefined;
};

export function useSummaryFindings(
  value: string,
  names: readonly string[],
  serverFindings: readonly PersonalDataFinding[],
) {
  const deferred = useDeferredValue(value);
  return useMemo(
    () => mergeFindings(findPersonalData(deferred, names), serverFindings),
    [deferred, names, serverFindings],
  );
}

export function SummaryField({
  id,
  value,
  onChange,
  names,
  serverFindings,
  notNames,
  onNotNamesChange,
  error,
}: SummaryFieldProps) {
  const { t } = useTranslation('situations');
  const findings = useSummaryFindings(value, names, serverFindings);
  const deferred = useDeferredValue(value);
  const segments = useMemo(() => segmentsOf(deferred, findings), [deferred, findings]);
  const hard = findings.filter((finding) => !isSoftFinding(finding));
  const possible = useMemo(() => possibleNamesIn(deferred, findings), [deferred, findings]);
  const unconfirmed = possible.filter((name) => !notNames.includes(name));
  const remaining = SUMMARY_MAX_LENGTH - value.length;
  const hint = t('form.summary.hint');
  // Personal data found in the text marks the field too, before any attempt to save it.
  const invalid = Boolean(error) || hard.length > 0;

  const status =
    value.trim() === ''
      ? t('form.summary.checkIdle')
      : hard.length > 0
        ? t('form.summary.checkFound', { count: hard.length })
        : unconfirmed.length > 0
          ? t('form.summary.checkPossibleNames', { count: unconfirmed.length })
          : possible.length > 0
            ? t('form.summary.checkNamesConfirmed')
            : t('form.summary.checkClear');
  const tone =
    hard.length > 0 ? ' pd-check--found' : unconfirmed.length > 0 ? ' pd-check--names' : '';

  const setNotName = (name: string, confirmed: boolean) =>
    onNotNamesChange(
      confirmed ? [...new Set([...notNames, name])] : notNames.filter((n) => n !== name),
    );

  return (
    <FieldFrame id={id} label={t('form.summary.label')} hint={hint} error={error} invalid={invalid}>
      <textarea
        id={id}
        value={value}
        maxLength={SUMMARY_MAX_LENGTH}
        rows={7}
        aria-describedby={fieldDescribedBy({ id, hint, error }, `${id}-check`, `${id}-length`)}
        aria-invalid={invalid ? true : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      <p className="field__hint situations-summary-length" id={`${id}-length`}>
        {t('form.summary.remaining', { count: remaining })}
      </p>
      <div className={`pd-check${tone}`}>
        <p className="pd-check__status" id={`${id}-check`} role="status">
          {status}
        </p>
        {findings.length > 0 ? (
          <>
            {hard.length > 0 ? (
              <ul className="pd-check__list">
                {hard.map((finding) => {
                  const { from, to } = charactersOf(finding);
                  return (
                    <li key={`${finding.start}-${finding.end}`}>
                      {t('form.summary.findingAt', {
                        kind: t(`personalData.${finding.kind}`),
                        from,
                        to,
                      })}
                    </li>
                  );
                })}
              </ul>
            ) : null}
            {possible.length > 0 ? (
              <fieldset className="pd-check__names">
                <legend>{t('form.summary.possibleNamesLegend')}</legend>
                <p className="field__hint">{t('form.summary.possibleNamesHint')}</p>
                {possible.map((name, index) => {
                  const boxId = `${id}-not-name-${index}`;
                  return (
                    <div className="field--checkbox" key={name}>
                      <input
                        type="checkbox"
                        id={boxId}
                        checked={notNames.includes(name)}
                        onChange={(event) => setNotName(name, event.target.checked)}
                      />
                      <label htmlFor={boxId}>{t('form.summary.notAName', { word: name })}</label>
                    </div>
                  );
                })}
              </fieldset>
            ) : null}
            <p className="pd-check__preview-label">{t('form.summary.previewLabel')}</p>
            <p className="pd-check__preview">
              {segments.map((segment, index) =>
                segment.kind ? (
                  <mark
                    key={index}
                    className={`pd-check__mark${
                      segment.kind === 'possible_name' ? ' pd-check__mark--name' : ''
                    }`}
                  >
                    {segment.text}
                    <span className="visually-hidden"> ({t(`personalData.${segment.kind}`)})</span>
                  </mark>
                ) : (
                  <span key={index}>{segment.text}</span>
                ),
              )}
            </p>
          </>
        ) : null}
      </div>
    </FieldFrame>
  );
}
