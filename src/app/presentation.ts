import { setPresentation } from '../store/view-actions';
import { setLearnTab } from '../features/learn/toggle';

/** Presenting explains the rows the teacher clicks: the Learn panel opens on Explain. */
export function togglePresentation(on: boolean): void {
  setPresentation(on);
  if (on) setLearnTab('explain');
}
