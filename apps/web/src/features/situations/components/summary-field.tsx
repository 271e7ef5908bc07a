/**
 * The de-identified summary, checked for personal data while the person types: the same detector
 * the API runs (`findPersonalData`, given the names entered in this form), so that a phone
 * number, a date of birth or a name is caught before the table ever sees it. Each finding is
 * listed with its kind and place, and the text is shown again with the findings marked. Findings
 * from the API (a 422) are shown too, until the text changes.
 */
import { useDeferredValue, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { findPersonalData, type PersonalDataFinding } from '@fourfold/shared/personal-data';
import { SUMMARY_MAX_LENGTH } from '@fourfold/shared/situations';
import { FieldFrame, fieldDescribedBy } from '../../../components/form-fields';
import { charactersOf, mergeFindings, segmentsOf } from '../utils/summary-findings';

type SummaryFieldProps = {
  id: string;
  value: string;
  onChange: (value: string) => void;
  /** Given and family names entered for this situation: they must not appear in the summary. */
  names: readonly string[];
  /** Findings the API reported for exactly this text. */
  serverFindings: readonly PersonalDataFinding[];
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
  error,
}: SummaryFieldProps) {
  const { t } = useTranslation('situations');
  const findings = useSummaryFindings(value, names, serverFindings);
  const segments = useMemo(() => segmentsOf(value, findings), [value, findings]);
  const remaining = SUMMARY_MAX_LENGTH - value.length;
  const hint = t('form.summary.hint');
  // Personal data found in the text marks the field too, before any attempt to save it.
  const invalid = Boolean(error) || findings.length > 0;

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
      <div className={`pd-check${findings.length > 0 ? ' pd-check--found' : ''}`}>
        <p className="pd-check__status" id={`${id}-check`} role="status">
          {value.trim() === ''
            ? t('form.summary.checkIdle')
            : findings.length === 0
              ? t('form.summary.checkClear')
              : t('form.summary.checkFound', { count: findings.length })}
        </p>
        {findings.length > 0 ? (
          <>
            <ul className="pd-check__list">
              {findings.map((finding) => {
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
            <p className="pd-check__preview-label">{t('form.summary.previewLabel')}</p>
            <p className="pd-check__preview">
              {segments.map((segment, index) =>
                segment.kind ? (
                  <mark key={index} className="pd-check__mark">
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
