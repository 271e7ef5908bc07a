/**
 * The attendance form: one choice per member agency (present, apologies, absent) and, for those
 * present, who represents them. Saved all at once (PUT /api/meetings/:id/attendance).
 */
import type {
  AttendanceEntry,
  AttendanceRequest,
  AttendanceStatus,
} from '@fourfold/shared/meetings';

export type AttendanceDraft = Record<
  string,
  { status: AttendanceStatus | null; representativeUserId: string }
>;

/** The form's starting point: what was recorded, or nothing chosen yet. */
export function attendanceDraftOf(entries: readonly AttendanceEntry[]): AttendanceDraft {
  return Object.fromEntries(
    entries.map((entry) => [
      entry.agency.id,
      { status: entry.status, representativeUserId: entry.representative?.id ?? '' },
    ]),
  );
}

/**
 * The request for a draft. Agencies left without a choice are sent as absent, so one Save always
 * records the whole room; a representative goes only with `present`.
 */
export function attendanceRequestOf(
  entries: readonly AttendanceEntry[],
  draft: AttendanceDraft,
): AttendanceRequest {
  return {
    entries: entries.map((entry) => {
      const chosen = draft[entry.agency.id];
      const status = chosen?.status ?? 'absent';
      const representative = chosen?.representativeUserId ?? '';
      return {
        agencyId: entry.agency.id,
        status,
        ...(status === 'present' && representative !== ''
          ? { representativeUserId: representative }
          : {}),
      };
    }),
  };
}

/** The agencies recorded present: those the filter-2 decision in this meeting names. */
export function agenciesPresent(entries: readonly AttendanceEntry[]) {
  return entries.filter((entry) => entry.status === 'present').map((entry) => entry.agency);
}
