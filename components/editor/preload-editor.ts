/**
 * Starts loading Monaco when the person leaves the home page for a workbench: its fetch and evaluation (a long task of
 * about 400 ms) then overlap the project's creation and the runtime's connection instead of landing among the agent's
 * first tool calls. Imported lazily so the home page's own JavaScript stays small.
 */
export function preloadEditor(): void {
  void import('./monaco-loader')
    .then(({ loadMonaco }) => loadMonaco())
    // The editor pane loads it again and shows the error itself.
    .catch(() => {});
}
