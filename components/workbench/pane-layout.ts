import type { PaneSizes } from '@/lib/project/types';

/** The resizable groups of the workbench, their panels in order, and sizes (percent) for a fresh project. */
export const paneGroups = {
  main: { panels: ['chat-pane', 'code-pane', 'run-pane'], defaults: [26, 44, 30] },
  code: { panels: ['files-pane', 'editor-pane'], defaults: [28, 72] },
  run: { panels: ['preview-pane', 'terminal-pane'], defaults: [64, 36] },
} as const;

export type PaneGroupId = keyof typeof paneGroups;

/** Saved sizes when they fit the group (right count, sensible total), otherwise the defaults. */
export function layoutFor(group: PaneGroupId, saved: PaneSizes): Record<string, number> {
  const { panels, defaults } = paneGroups[group];
  const sizes = saved[group];
  const valid =
    Array.isArray(sizes) &&
    sizes.length === panels.length &&
    sizes.every((size) => Number.isFinite(size) && size >= 0) &&
    Math.abs(sizes.reduce((sum, size) => sum + size, 0) - 100) < 1;
  const chosen: readonly number[] = valid ? sizes : defaults;
  return Object.fromEntries(panels.map((panel, index) => [panel, chosen[index]]));
}

export function sizesFrom(group: PaneGroupId, layout: Record<string, number>): number[] | null {
  const sizes = paneGroups[group].panels.map((panel) => layout[panel]);
  return sizes.every((size) => typeof size === 'number' && Number.isFinite(size)) ? sizes : null;
}
