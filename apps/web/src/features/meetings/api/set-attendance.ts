/** PUT /api/meetings/:id/attendance (the chair): the whole attendance at once. No If-Match: the chair records the whole room at once. */
import { z } from 'zod';
import type { AttendanceRequest } from '@fourfold/shared/meetings';
import type { VersionedMeeting } from './get-meeting';
import { useMeetingWrite } from './use-meeting-write';
import { apiRequestVersioned, type Versioned } from '../../../lib/api-client';

export function setAttendance(
  meetingId: string,
  body: AttendanceRequest,
  _ifMatch: string,
): Promise<Versioned<unknown>> {
  return apiRequestVersioned(`/meetings/${encodeURIComponent(meetingId)}/attendance`, {
    method: 'PUT',
    body,
    schema: z.unknown(),
  });
}

export function useSetAttendance(versioned: VersionedMeeting) {
  return useMeetingWrite(versioned, setAttendance);
}
