import type { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { previewBridgeScript } from '../../runtime/preview-bridge/bridge-script';
import { createPreviewTester } from '../../runtime/preview-bridge/preview-tester';
import { framedPage } from '../../runtime/preview-bridge/test-support/framed-page';
import { starterApps } from './pick-starter';
import type { StarterApp } from './starters/starter-app';

const pages: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(pages.splice(0).map((page) => page.close()));
});

const fileOf = (app: StarterApp, path: string) => app.files.find((file) => file.path === path)!.content;

/** The starter's own page and script, as its static server would serve them. */
function renderStarter(app: StarterApp, storage: Map<string, string>) {
  return (window: Window) => {
    const html = fileOf(app, 'index.html');
    window.document.body.innerHTML = html.slice(html.indexOf('<body>') + '<body>'.length, html.indexOf('<script'));
    const localStorage = {
      getItem: (key: string) => storage.get(key) ?? null,
      setItem: (key: string, value: string) => void storage.set(key, String(value)),
      removeItem: (key: string) => void storage.delete(key),
    };
    // happy-dom draws nothing: a 2D context whose every method does nothing is enough for the snake board.
    const noop2d = new Proxy({}, { get: () => () => undefined, set: () => true });
    window.HTMLCanvasElement.prototype.getContext = (() => noop2d) as never;
    // A fixed sequence: the number to guess is 11, so the check's guess of 50 never wins a best score.
    let draws = 0;
    const math = Object.create(Math, { random: { value: () => (0.1 + 0.37 * draws++) % 1 } }) as Math;
    const globals = {
      Math: math,
      window,
      document: window.document,
      localStorage,
      setInterval: window.setInterval.bind(window),
      clearInterval: window.clearInterval.bind(window),
      setTimeout: window.setTimeout.bind(window),
      clearTimeout: window.clearTimeout.bind(window),
      requestAnimationFrame: (fn: () => void) => window.setTimeout(fn, 16),
      cancelAnimationFrame: (id: ReturnType<Window['setTimeout']>) => window.clearTimeout(id),
    };
    new Function(...Object.keys(globals), fileOf(app, 'app.js'))(...Object.values(globals));
  };
}

describe("the demo's check of each starter app", () => {
  it.each(Object.values(starterApps).map((app) => [app.id, app] as const))(
    '%s: passes against its own page and leaves what the app stored as it was',
    async (_id, app) => {
      const storage = new Map<string, string>();
      const page = framedPage({ script: previewBridgeScript, render: renderStarter(app, storage) });
      pages.push(page);
      page.open('/');
      const tester = createPreviewTester(page.access(), { stepTimeoutMs: 1000, loadTimeoutMs: 3000, retryMs: 20 });
      const stored = new Map(storage);
      const result = await tester.run({ path: '/', steps: app.check });
      expect(result.steps.filter((step) => !step.ok)).toEqual([]);
      expect(result.passed).toBe(true);
      expect(storage).toEqual(stored);
    },
  );
});
