import { useStore } from '../../store/store';
import { useLearnUi } from './learn-ui';
import type { LearnTab } from './learn-ui';

/*
 * Turning the teaching mode on and choosing its tab: kept apart from the
 * lessons (actions.ts) so the first screen loads none of their text.
 */

export function setLearn(learn: boolean): void {
  useStore.setState((s) => ({ preferences: { ...s.preferences, learn } }));
}

export function setLearnTab(tab: LearnTab): void {
  useLearnUi.setState({ tab });
}
