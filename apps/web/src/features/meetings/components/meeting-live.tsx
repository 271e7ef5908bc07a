/**
 * The live view of the meeting screen: follows the meeting's event stream (which refreshes the
 * meeting through TanStack Query on every event) and says whether the screen is live. Built by
 * the live part of issue #9 (features/meetings/live/); this one component is where the meeting
 * screen wires it, so the two parts meet in one place.
 */
import { LiveStatus } from '../live/live-status';
import { useMeetingEvents } from '../live/use-meeting-events';

export function MeetingLive({ meetingId }: { meetingId: string }) {
  return <LiveStatus state={useMeetingEvents(meetingId)} />;
}
