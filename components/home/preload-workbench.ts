/** Time the home page gets to draw and answer first; the loads then run while the person types. */
const HOME_SETTLE_MS = 800;

/**
 * Loads the workbench's code and then Monaco in the background while the home page is open, so the workbench a prompt
 * opens has both ready. Evaluated there instead, the workbench's modules (about 100 ms) and Monaco (a long task of
 * about 400 ms) landed among the agent's first tool calls and held them up. Each is imported lazily so the home page's
 * own JavaScript stays small. Returns a cancel for a page left before the loads began (the workbench then loads them
 * itself).
 */
export function preloadWorkbenchWhenIdle(): () => void {
  let idle: number | null = null;
  const timer = setTimeout(() => {
    idle = requestIdleCallback(
      () => {
        // A failed load is retried by the workbench, which shows the error itself.
        void import('@/components/workbench/Workbench')
          .catch(() => {})
          .then(() => import('@/components/editor/monaco-loader'))
          .then(({ loadMonaco }) => loadMonaco())
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
