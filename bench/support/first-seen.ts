// When something first showed on screen, as the page itself saw it. Playwright's waits poll, every 500 ms once a wait
// has run for a while, so a long wait (the whole flagship path) would be measured up to that much late and a short
// one (the by-hand page) hardly at all.
import type { BrowserContext } from '@playwright/test';

export interface Sighting {
  /** CSS selector of the element to look for, in every frame of the context. */
  selector: string;
  /** Part of its text, compared ignoring case, as Playwright's accessible-name match does. */
  text?: string;
  /** Whether it must also be enabled (a button that can be pressed). */
  enabled?: boolean;
  /** Only in frames, not the top page: the app in Tabsmith's preview, never the IDE around it. */
  inFrame?: boolean;
}

interface Watch extends Sighting {
  name: string;
}

const BINDING = '__benchFirstSeen';

/** Runs in every document: reports each watch once, on the frame after it is in the page, visible (and enabled). */
function watchDocument({ binding, watches }: { binding: string; watches: Watch[] }): void {
  const report = (window as unknown as Record<string, (name: string, at: number) => void>)[binding];
  const pending = new Map(watches.filter((watch) => !watch.inFrame || window !== window.top).map((watch) => [watch.name, watch]));
  if (pending.size === 0) return;
  const matches = (watch: Watch) =>
    Array.from(document.querySelectorAll(watch.selector)).some(
      (element) =>
        element.getClientRects().length > 0 &&
        (!watch.text || (element.textContent ?? '').toLowerCase().includes(watch.text.toLowerCase())) &&
        (!watch.enabled || !(element as HTMLButtonElement).disabled),
    );
  const check = () => {
    for (const [name, watch] of pending) {
      if (!matches(watch)) continue;
      pending.delete(name);
      requestAnimationFrame(() => report(name, Date.now()));
    }
    if (pending.size === 0) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
}

export interface FirstSeen {
  /** `Date.now()` when `name` first showed since the last reset; undefined if it has not. */
  at(name: string): number | undefined;
  /**
   * Resolves with that time once it has shown. Waiting here costs the page nothing, where a Playwright `expect` on a
   * big page computes an accessibility snapshot on every poll (30 ms each in the workbench), on the path it measures.
   */
  when(name: string, timeoutMs: number): Promise<number>;
  reset(): void;
}

/** Watches every page and frame opened in `context` from now on (install before the pages load). */
export async function watchFirstSeen(context: BrowserContext, sightings: Record<string, Sighting>): Promise<FirstSeen> {
  const seen = new Map<string, number>();
  const waiting = new Set<() => void>();
  await context.exposeBinding(BINDING, (_source, name: string, at: number) => {
    if (seen.has(name)) return;
    seen.set(name, at);
    for (const wake of [...waiting]) wake();
  });
  const watches = Object.entries(sightings).map(([name, sighting]) => ({ name, ...sighting }));
  // tsx names inner functions through an `__name` helper the page does not have; the shim keeps the source runnable.
  const argument = JSON.stringify({ binding: BINDING, watches });
  await context.addInitScript({ content: `var __name = (fn) => fn;\n(${watchDocument.toString()})(${argument});` });
  const when = (name: string, timeoutMs: number) =>
    new Promise<number>((resolve, reject) => {
      const wake = () => {
        const at = seen.get(name);
        if (at === undefined) return;
        clearTimeout(timer);
        waiting.delete(wake);
        resolve(at);
      };
      const timer = setTimeout(() => {
        waiting.delete(wake);
        reject(new Error(`"${name}" did not show within ${timeoutMs} ms`));
      }, timeoutMs);
      waiting.add(wake);
      wake();
    });
  return { at: (name) => seen.get(name), when, reset: () => seen.clear() };
}

/** The sighting benches of "the app rendered" watch for: its heading, in the page or the preview frame. */
export const APP_HEADING = 'app heading';
export function appHeading(text: string, where: { inFrame: boolean }): Record<string, Sighting> {
  return { [APP_HEADING]: { selector: 'h1, h2, h3, h4, h5, h6, [role=heading]', text, inFrame: where.inFrame } };
}
