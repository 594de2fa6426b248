/** Time the home page gets to draw and answer first; the editor's load then runs while the person types. */
const HOME_SETTLE_MS = 800;

/**
 * Loads Monaco in the background while the home page is open, so the workbench a prompt opens has its editor ready:
 * fetched and evaluated there (a long task of about 400 ms), it landed among the agent's first tool calls and held
 * them up. Imported lazily so the home page's own JavaScript stays small. Returns a cancel for a page left before
 * the load began (the workbench then loads the editor itself).
 */
export function preloadEditorWhenIdle(): () => void {
  let idle: number | null = null;
  const timer = setTimeout(() => {
    idle = requestIdleCallback(
      () => {
        void import('./monaco-loader')
          .then(({ loadMonaco }) => loadMonaco())
          // The editor pane loads it again and shows the error itself.
          .catch(() => {});
      },
      { timeout: 2_000 },
    );
  }, HOME_SETTLE_MS);
  return () => {
    clearTimeout(timer);
    if (idle !== null) cancelIdleCallback(idle);
  };
}
