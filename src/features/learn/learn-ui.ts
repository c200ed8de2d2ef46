import { create } from 'zustand';
import type { ConnectionId } from '../../lib/ids';

/**
 * The teaching panel's own view state: which tab is open, the lesson under
 * way and what it created. Memory only (the Learn switch itself is a
 * persisted preference in the main store); kept apart from the main store
 * because nothing else reads it.
 */
export type LearnTab = 'lessons' | 'code' | 'explain';

export interface LessonRun {
  lessonId: string;
  /** connections "Do it" created, by role */
  roles: Record<string, ConnectionId>;
  /** connections that existed when the lesson started: never taken for a role */
  existedBefore: ConnectionId[];
  /** steps whose check passed once; they stay done */
  done: number[];
}

export interface LearnUiState {
  tab: LearnTab;
  run: LessonRun | null;
  /** ws://host:port of the playground server, from ./playground.json or typed */
  playground: string;
  playgroundFound: boolean;
}

export const DEFAULT_PLAYGROUND = 'ws://127.0.0.1:8787';

export const useLearnUi = create<LearnUiState>()(() => ({
  tab: 'lessons',
  run: null,
  playground: DEFAULT_PLAYGROUND,
  playgroundFound: false,
}));
