/**
 * The intervention work of an agenda item, as the meeting screen shows it: the action items
 * (filter 4) and the report-backs (filters 3–4), both stamped with this meeting. Built by the
 * action-items part of issue #9 (features/action-items/); this one file is where the meeting
 * screen wires them.
 */
import type { Situation } from '@fourfold/shared/situations';
import { ActionItemsPanel } from '../../action-items/components/action-items-panel';
import { ReportBackPanel } from '../../action-items/components/report-back-panel';

export function MeetingItemActions({
  situation,
  meetingId,
}: {
  situation: Situation;
  meetingId: string;
}) {
  return <ActionItemsPanel situation={situation} meetingId={meetingId} headingLevel={4} />;
}

export function MeetingItemReportBacks({
  situation,
  meetingId,
}: {
  situation: Situation;
  meetingId: string;
}) {
  return <ReportBackPanel situation={situation} meetingId={meetingId} headingLevel={4} />;
}
