import { createStore } from 'zustand/vanilla';

/**
 * Partial file content while the agent streams a `write_file`/`edit_file` input. The editor shows a
 * draft read-only for its path; nothing here reaches the project store or the runtime.
 */
export interface StreamingDraftsState {
  drafts: Record<string, string>;
}

export const streamingDrafts = createStore<StreamingDraftsState>(() => ({ drafts: {} }));

export function setDraft(path: string, content: string): void {
  const { drafts } = streamingDrafts.getState();
  if (drafts[path] === content) return;
  streamingDrafts.setState({ drafts: { ...drafts, [path]: content } });
}

export function clearDraft(path: string): void {
  const { drafts } = streamingDrafts.getState();
  if (!(path in drafts)) return;
  const next = { ...drafts };
  delete next[path];
  streamingDrafts.setState({ drafts: next });
}

export function clearAllDrafts(): void {
  if (Object.keys(streamingDrafts.getState().drafts).length === 0) return;
  streamingDrafts.setState({ drafts: {} });
}

export function getDraft(path: string): string | undefined {
  return streamingDrafts.getState().drafts[path];
}
