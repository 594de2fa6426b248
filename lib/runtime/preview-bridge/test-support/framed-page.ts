import { Window } from 'happy-dom';
import type { PreviewFrameAccess, PreviewWindow } from '../preview-tester';

class BridgeMessageEvent extends Event {
  constructor(
    readonly data: unknown,
    readonly source: unknown,
  ) {
    super('message');
  }
}

export interface FramedPageOptions {
  /** The bridge source the page runs: the proxy's script, or what a runtime registered. */
  script: string;
  /** The app: renders the body of each fresh document. */
  render: (window: Window, path: string, location: { assign(url: string): void }) => void;
  origin?: string;
}

/**
 * An app page in a preview iframe, with the IDE window around it: each document is a happy-dom
 * window running the given bridge script; a reload request starts a new document the way
 * `location.assign` would. The IDE side reaches it only by postMessage, like the real frame.
 */
export function framedPage(options: FramedPageOptions) {
  const origin = options.origin ?? 'http://p5173.localhost:3000';
  const ide = new EventTarget();
  const postedToIde: unknown[] = [];
  let current: Window | null = null;
  let path = '/';
  const documents: Window[] = [];

  const frame: PreviewWindow = {
    postMessage(message) {
      const page = current;
      if (!page) return;
      const data = JSON.parse(JSON.stringify(message)) as unknown;
      page.setTimeout(() => page.dispatchEvent(new page.MessageEvent('message', { data, source: parent as never })));
    },
  };
  const parent = {
    postMessage(message: unknown) {
      const data = JSON.parse(JSON.stringify(message)) as unknown;
      postedToIde.push(data);
      setTimeout(() => ide.dispatchEvent(new BridgeMessageEvent(data, frame)));
    },
  };

  function load(nextPath: string): Window {
    path = nextPath;
    const window = new Window({ url: `${origin}${nextPath}` });
    documents.push(window);
    Object.defineProperty(window, 'parent', { value: parent, configurable: true });
    const location = {
      get href() {
        return `${origin}${path}`;
      },
      get pathname() {
        return new URL(`${origin}${path}`).pathname;
      },
      get search() {
        return new URL(`${origin}${path}`).search;
      },
      get hash() {
        return new URL(`${origin}${path}`).hash;
      },
      set hash(value: string) {
        path = `${new URL(`${origin}${path}`).pathname}${value}`;
      },
      assign(url: string) {
        const next = new URL(url, `${origin}${path}`);
        setTimeout(() => navigate(`${next.pathname}${next.search}${next.hash}`), 5);
      },
      reload() {
        setTimeout(() => navigate(path), 5);
      },
    };
    options.render(window, nextPath, location);
    const run = new Function('window', 'document', 'location', 'history', 'console', 'CSS', options.script);
    run(window, window.document, location, window.history, window.console, { escape: (s: string) => s });
    return window;
  }

  function navigate(nextPath: string): void {
    current = null;
    const window = load(nextPath);
    current = window;
    // The load event of the new document, after its scripts ran.
    window.setTimeout(() => window.dispatchEvent(new window.Event('load')), 1);
  }

  return {
    frame,
    access: (): PreviewFrameAccess => ({ frameWindow: () => frame, messages: ide }),
    postedToIde,
    /** Opens the first document. */
    open(at = '/') {
      navigate(at);
    },
    get window(): Window | null {
      return current;
    },
    documents,
    async close() {
      await Promise.all(documents.map((window) => window.happyDOM.close()));
    },
  };
}
