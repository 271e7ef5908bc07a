/** A situation's stage as a small label, the same everywhere (lists, headings). */
import { useTranslation } from 'react-i18next';
import type { Stage } from '@fourfold/shared/situation-workflow';

export function StageTag({ stage }: { stage: Stage }) {
  const { t } = useTranslation('situations');
  return <span className={`stage-tag stage-tag--${stage}`}>{t(`stage.${stage}`)}</span>;
}
