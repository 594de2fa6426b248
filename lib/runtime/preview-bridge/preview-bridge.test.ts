import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parsePreviewBridgeMessage, previewBridgeScript } from './index';

describe('parsePreviewBridgeMessage', () => {
  it('accepts well-formed error and loaded messages', () => {
    expect(
      parsePreviewBridgeMessage({ source: 'tabsmith-preview', type: 'error', error: { kind: 'console-error', message: 'x' } }),
    ).toEqual({ source: 'tabsmith-preview', type: 'error', error: { kind: 'console-error', message: 'x' } });
    expect(parsePreviewBridgeMessage({ source: 'tabsmith-preview', type: 'loaded', url: 'http://p1.localhost/' })).toEqual({
      source: 'tabsmith-preview',
      type: 'loaded',
      url: 'http://p1.localhost/',
    });
  });

  it.each([
    null,
    'string',
    { source: 'other', type: 'error', error: { kind: 'exception', message: 'x' } },
    { source: 'tabsmith-preview', type: 'error', error: { kind: 'weird', message: 'x' } },
    { source: 'tabsmith-preview', type: 'error', error: { kind: 'exception', message: 3 } },
    { source: 'tabsmith-preview', type: 'loaded' },
    { source: 'tabsmith-preview', type: 'other' },
  ])('rejects %j', (data) => {
    expect(parsePreviewBridgeMessage(data)).toBeNull();
  });

  it('caps very long messages', () => {
    const parsed = parsePreviewBridgeMessage({
      source: 'tabsmith-preview',
      type: 'error',
      error: { kind: 'exception', message: 'x'.repeat(10_000) },
    });
    expect(parsed?.type === 'error' && parsed.error.message.length).toBe(4000);
  });
});

/** A tiny stand-in for a framed page: enough DOM for the bridge to hook into. */
function framedWindow(scripts: string[] = []) {
  const handlers: Record<string, ((event: unknown) => void)[]> = {};
  const posted: unknown[] = [];
  const consoleCalls: unknown[][] = [];
  const history = { pushState: () => {}, replaceState: () => {} };
  const window: Record<string, unknown> = {
    addEventListener: (type: string, handler: (event: unknown) => void) => (handlers[type] ??= []).push(handler),
    parent: { postMessage: (message: unknown) => posted.push(JSON.parse(JSON.stringify(message))) },
  };
  const context = {
    window,
    history,
    location: { href: 'http://p5173.localhost:3000/' },
    document: {
      readyState: 'loading',
      querySelector: (selector: string) => (selector.includes('/@vite/client') && scripts.some((src) => src.includes('/@vite/client')) ? {} : null),
    },
    console: { error: (...args: unknown[]) => consoleCalls.push(args) },
    JSON,
    String,
    Error,
    Object,
  };
  const fire = (type: string, event: unknown) => handlers[type]?.forEach((handler) => handler(event));
  return { context, posted, consoleCalls, fire, history };
}

describe('previewBridgeScript', () => {
  it('reports errors, rejections, console.error and loads to the parent window', () => {
    const page = framedWindow();
    runInNewContext(previewBridgeScript, page.context);

    page.fire('error', { error: new Error('Button broke'), message: 'Button broke', filename: 'App.tsx', lineno: 3, colno: 9 });
    page.fire('unhandledrejection', { reason: 'nope' });
    (page.context.console.error as (...args: unknown[]) => void)('Warning:', { a: 1 });
    page.fire('load', { type: 'load' });
    page.history.pushState();

    const parsed = page.posted.map(parsePreviewBridgeMessage);
    expect(parsed.every(Boolean)).toBe(true);
    expect(parsed[0]).toMatchObject({ type: 'error', error: { kind: 'exception', source: 'App.tsx:3:9' } });
    expect(parsed[0]?.type === 'error' && parsed[0].error.message).toContain('Button broke');
    expect(parsed[1]).toMatchObject({ type: 'error', error: { kind: 'unhandled-rejection', message: 'nope' } });
    expect(parsed[2]).toMatchObject({ type: 'error', error: { kind: 'console-error', message: 'Warning: {"a":1}' } });
    expect(parsed[3]).toEqual({ source: 'tabsmith-preview', type: 'loaded', url: 'http://p5173.localhost:3000/', hot: false, initial: true });
    // A client-side route change is a load, but not of a new document.
    expect(parsed[4]).toEqual({ source: 'tabsmith-preview', type: 'loaded', url: 'http://p5173.localhost:3000/', hot: false });
    // The page's own console.error still runs.
    expect(page.consoleCalls).toEqual([['Warning:', { a: 1 }]]);
  });
});

describe('previewBridgeScript and Vite', () => {
  it("counts Vite's hot update as showing the change, and reports its error overlay", () => {
    const page = framedWindow();
    let observer: ((records: unknown[]) => void) | null = null;
    const debugCalls: unknown[][] = [];
    const documentElement = {};
    Object.assign(page.context, {
      document: { readyState: 'complete', documentElement },
      console: { ...page.context.console, debug: (...args: unknown[]) => debugCalls.push(args) },
    });
    page.context.window.MutationObserver = class {
      constructor(callback: (records: unknown[]) => void) {
        observer = callback;
      }
      observe(target: unknown, options: unknown) {
        expect(target).toBe(documentElement);
        expect(options).toEqual({ childList: true, subtree: true });
      }
    };
    runInNewContext(previewBridgeScript, page.context);
    const consoleDebug = page.context.console as unknown as { debug: (...args: unknown[]) => void };
    consoleDebug.debug('[vite] connected.');
    consoleDebug.debug('[vite] hot updated: /src/App.tsx');
    consoleDebug.debug('[vite]', 'hot updated: /src/App.tsx');
    consoleDebug.debug('[vite]', 'connected.');
    const text = (value: string) => ({ textContent: value });
    const overlay = {
      nodeName: 'VITE-ERROR-OVERLAY',
      shadowRoot: {
        querySelector: (selector: string) =>
          ({ '.plugin': text('[plugin:vite:import-analysis]'), '.message-body': text('Failed to resolve import "./Missing" from "src/App.tsx".'), '.file': text('/app/src/App.tsx:2:7') })[selector] ?? null,
      },
    };
    observer!([{ addedNodes: [{ nodeName: 'DIV' }, overlay] }]);
    const parsed = page.posted.map(parsePreviewBridgeMessage);
    expect(parsed).toEqual([
      // The page itself loaded (a new document); then the hot update, which is not a new document.
      { source: 'tabsmith-preview', type: 'loaded', url: 'http://p5173.localhost:3000/', hot: false, initial: true },
      { source: 'tabsmith-preview', type: 'loaded', url: 'http://p5173.localhost:3000/', hot: true },
      { source: 'tabsmith-preview', type: 'loaded', url: 'http://p5173.localhost:3000/', hot: true },
      {
        source: 'tabsmith-preview',
        type: 'error',
        error: {
          kind: 'console-error',
          message: '[plugin:vite:import-analysis]\nFailed to resolve import "./Missing" from "src/App.tsx".\n/app/src/App.tsx:2:7',
          source: 'vite error overlay',
        },
      },
    ]);
    expect(debugCalls).toHaveLength(4);
  });
});

describe('hot-update client detection', () => {
  it('says a Vite page updates itself and a plain page does not', () => {
    const vite = framedWindow(['/@vite/client']);
    runInNewContext(previewBridgeScript, vite.context);
    vite.fire('load', {});
    expect(parsePreviewBridgeMessage(vite.posted[0])).toMatchObject({ type: 'loaded', hot: true });

    const plain = framedWindow();
    runInNewContext(previewBridgeScript, plain.context);
    plain.fire('load', {});
    expect(parsePreviewBridgeMessage(plain.posted[0])).toMatchObject({ type: 'loaded', hot: false });
  });
});

describe('select in preview', () => {
  function pickingPage() {
    const handlers: Record<string, ((event: unknown) => void)[]> = {};
    const posted: unknown[] = [];
    const parent = { postMessage: (message: unknown) => posted.push(JSON.parse(JSON.stringify(message))) };
    const appended: unknown[] = [];
    const documentElement = {
      style: { cursor: '' },
      children: [] as unknown[],
      appendChild: (node: { parentNode: unknown }) => {
        node.parentNode = documentElement;
        appended.push(node);
      },
      removeChild: (node: { parentNode: unknown }) => {
        node.parentNode = null;
      },
    };
    const body = { nodeType: 1, tagName: 'BODY', id: '', classList: [], parentElement: documentElement, children: [] as unknown[] };
    const button = {
      nodeType: 1,
      tagName: 'BUTTON',
      id: 'count-button',
      classList: ['big', 'primary'],
      textContent: 'Count:\n  0',
      parentElement: body,
      getBoundingClientRect: () => ({ left: 1, top: 2, width: 3, height: 4 }),
    };
    const span = { nodeType: 1, tagName: 'SPAN', id: '', classList: [], textContent: 'x', parentElement: body };
    const span2 = { ...span, textContent: 'y' };
    body.children.push(button, span, span2);
    documentElement.children.push(body);
    const window: Record<string, unknown> = {
      addEventListener: (type: string, handler: (event: unknown) => void) => (handlers[type] ??= []).push(handler),
      parent,
    };
    const context = {
      window,
      history: { pushState: () => {}, replaceState: () => {} },
      location: { href: 'http://p5173.localhost:3000/' },
      document: {
        readyState: 'complete',
        documentElement,
        createElement: () => ({ style: {} as Record<string, string>, setAttribute: () => {}, parentNode: null }),
      },
      console: { error: () => {} },
      JSON,
      String,
      Error,
    };
    const fire = (type: string, event: Record<string, unknown>) => {
      const full = { preventDefault: () => (full.prevented = true), stopPropagation: () => {}, prevented: false, ...event };
      handlers[type]?.forEach((handler) => handler(full));
      return full;
    };
    return { context, posted, fire, button, span2, parent, appended, documentElement };
  }

  it('ignores clicks until the IDE turns picking on, then reports the clicked element once', () => {
    const page = pickingPage();
    runInNewContext(previewBridgeScript, page.context);
    const before = page.posted.length;
    expect(page.fire('click', { target: page.button }).prevented).toBe(false);
    expect(page.posted.length).toBe(before);

    // Messages from anyone but the IDE window are ignored.
    page.fire('message', { source: {}, data: { source: 'tabsmith-ide', type: 'select-mode', on: true } });
    expect(page.documentElement.style.cursor).toBe('');
    page.fire('message', { source: page.parent, data: { source: 'tabsmith-ide', type: 'select-mode', on: true } });
    expect(page.documentElement.style.cursor).toBe('crosshair');

    page.fire('mouseover', { target: page.button });
    expect(page.appended).toHaveLength(1);
    const click = page.fire('click', { target: page.button });
    expect(click.prevented).toBe(true);
    const message = parsePreviewBridgeMessage(page.posted.at(-1));
    expect(message).toEqual({
      source: 'tabsmith-preview',
      type: 'element-selected',
      element: { tag: 'button', text: 'Count: 0', id: 'count-button', classes: ['big', 'primary'], selector: '#count-button' },
    });
    // Picking ends after one element.
    expect(page.fire('click', { target: page.button }).prevented).toBe(false);
  });

  it('builds a tag path for an element without an id', () => {
    const page = pickingPage();
    runInNewContext(previewBridgeScript, page.context);
    page.fire('message', { source: page.parent, data: { source: 'tabsmith-ide', type: 'select-mode', on: true } });
    page.fire('click', { target: page.span2 });
    const message = parsePreviewBridgeMessage(page.posted.at(-1));
    expect(message?.type === 'element-selected' && message.element.selector).toBe('body > span:nth-of-type(2)');
  });

  it('rejects malformed element reports', () => {
    expect(parsePreviewBridgeMessage({ source: 'tabsmith-preview', type: 'element-selected', element: { tag: '<x>', selector: 'a' } })).toBeNull();
    expect(parsePreviewBridgeMessage({ source: 'tabsmith-preview', type: 'element-selected', element: { tag: 'a' } })).toBeNull();
  });
});

describe('steps-result messages', () => {
  const result = { passed: true, steps: [{ action: 'click', ok: true, detail: "clicked 'Add'" }], text: 'x', errors: [] };

  it('accepts a well-formed result', () => {
    expect(parsePreviewBridgeMessage({ source: 'tabsmith-preview', type: 'steps-result', id: 'r1', result })).toEqual({
      source: 'tabsmith-preview',
      type: 'steps-result',
      id: 'r1',
      result,
    });
  });

  it('does not let the page call a run passed when a step failed', () => {
    const forged = { ...result, steps: [{ action: 'expect_text', ok: false, detail: 'expected x' }] };
    const parsed = parsePreviewBridgeMessage({ source: 'tabsmith-preview', type: 'steps-result', id: 'r1', result: forged });
    expect(parsed?.type === 'steps-result' && parsed.result.passed).toBe(false);
  });

  it.each([
    { id: 'r1', result: { ...result, steps: [{ action: 'hover', ok: true }] } },
    { id: '', result },
    { result },
    { id: 'r1', result: { steps: [] } },
  ])('rejects %j', (fields) => {
    expect(parsePreviewBridgeMessage({ source: 'tabsmith-preview', type: 'steps-result', ...fields })).toBeNull();
  });
});
