// E2E_PORT_BASE lets several checkouts run their suites side by side on one machine.
const base = Number(process.env.E2E_PORT_BASE) || 3100;

export const e2ePorts = {
  APP_PORT: base,
  DEMO_APP_PORT: base + 1,
  /** An IDE server a spec starts and restarts itself (never-lose-work.spec). */
  RESTART_APP_PORT: base + 2,
  /** The dev server an exported app's own Playwright suite starts. */
  EXPORTED_APP_PORT: base + 50,
  FAKE_LLM_PORT: base + 99,
};
