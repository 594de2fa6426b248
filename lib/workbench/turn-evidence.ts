import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  TurnEvidenceTracker,
  type SavedChecksEvidence,
  type TurnEvidence,
  type TurnStatus,
  type TurnToolEvent,
} from '../agent/turn-status';
import type { Runtime } from '../runtime/types';

export interface TurnEvidenceState {
  evidence: TurnEvidence;
  status: TurnStatus;
  /** Turns started since the project was opened: 0 means the latest turn is from an earlier visit. */
  turnsThisVisit: number;
}

/** The tracker behind a store, so views re-render when the status changes. */
export interface TurnEvidenceFeed {
  readonly state: StoreApi<TurnEvidenceState>;
  startTurn(): void;
  toolResult(event: TurnToolEvent): void;
  fileChanged(by?: 'agent' | 'person'): void;
  previewLoaded(): void;
  savedChecksRan(result: SavedChecksEvidence): void;
  attachRuntime(runtime: Pick<Runtime, 'onPort' | 'openPorts' | 'onPreviewError'>): () => void;
}

export function createTurnEvidenceFeed(): TurnEvidenceFeed {
  const tracker = new TurnEvidenceTracker();
  let turnsThisVisit = 0;
  const snapshot = (): TurnEvidenceState => ({ evidence: tracker.evidence(), status: tracker.status(), turnsThisVisit });
  const state = createStore<TurnEvidenceState>(snapshot);
  const after =
    <A extends unknown[]>(action: (...args: A) => void) =>
    (...args: A) => {
      action(...args);
      state.setState(snapshot());
    };
  return {
    state,
    startTurn: after(() => {
      turnsThisVisit += 1;
      tracker.startTurn();
    }),
    toolResult: after((event: TurnToolEvent) => tracker.toolResult(event)),
    fileChanged: after((by: 'agent' | 'person' = 'agent') => tracker.fileChanged(by)),
    previewLoaded: after(() => tracker.previewLoaded()),
    savedChecksRan: after((result: SavedChecksEvidence) => tracker.savedChecksRan(result)),
    attachRuntime(runtime) {
      const stop = tracker.attachRuntime({
        openPorts: () => runtime.openPorts(),
        onPort: (listener) =>
          runtime.onPort((event) => {
            listener(event);
            state.setState(snapshot());
          }),
        onPreviewError: (listener) =>
          runtime.onPreviewError((error) => {
            listener(error);
            state.setState(snapshot());
          }),
      });
      state.setState(snapshot());
      return stop;
    },
  };
}
