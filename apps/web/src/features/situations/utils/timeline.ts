/**
 * The stage timeline of a situation: the stages of the Four Filter process in order, each done,
 * current or still to come, with the recorded step (when, by whom) that reached it. A rejected
 * situation ends at "rejected" after filter 2.
 */
import { stageOrder, type Stage } from '@fourfold/shared/situation-workflow';
import type { Situation } from '@fourfold/shared/situations';

type Step = Situation['steps']['created'];

export type TimelineEntry = {
  stage: Stage;
  state: 'done' | 'current' | 'upcoming';
  /** The step that brought the situation to this stage; null when not (yet) recorded. */
  step: Step;
};

/** Which recorded step brings a situation into each stage. */
const stepOfStage: Record<Stage, keyof Situation['steps']> = {
  draft: 'created',
  filter2: 'submitted',
  filter3: 'decided',
  rejected: 'decided',
  filter4: 'assigned',
  closed: 'closed',
};

export function timelineOf(situation: Pick<Situation, 'stage' | 'steps'>): TimelineEntry[] {
  const path: readonly Stage[] =
    situation.stage === 'rejected' ? ['draft', 'filter2', 'rejected'] : stageOrder;
  const currentIndex = path.indexOf(situation.stage);
  return path.map((stage, index) => ({
    stage,
    // The last stage of a finished situation is done, not waiting for anything.
    state:
      index < currentIndex ||
      (index === currentIndex && (stage === 'closed' || stage === 'rejected'))
        ? 'done'
        : index === currentIndex
          ? 'current'
          : 'upcoming',
    step: index <= currentIndex ? situation.steps[stepOfStage[stage]] : null,
  }));
}
