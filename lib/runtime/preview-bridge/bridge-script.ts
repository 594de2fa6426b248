import { PREVIEW_BRIDGE_SOURCE, PREVIEW_COMMAND_SOURCE } from './messages';
import { stepRunnerSource } from './step-runner-script';

/** Path on the preview origin where the proxy serves the bridge script (external, so a strict CSP allowing 'self' still runs it). */
export const PREVIEW_BRIDGE_PATH = '/__tabsmith__/preview-bridge.js';

/**
 * Runs inside the previewed app: reports uncaught errors, unhandled rejections and console.error
 * to the IDE window, and announces each page load or client-side navigation. When the IDE turns
 * "Select in preview" on, it outlines the element under the pointer and reports the one clicked.
 * For `test_preview` it reloads the page on request and runs steps against the live DOM.
 * Plain ES5-style source kept as text so no bundler or transpiler touches it.
 */
export const previewBridgeScript = `(function () {
  if (window.__tabsmithPreviewBridge || window.parent === window) return;
  window.__tabsmithPreviewBridge = true;
  var SOURCE = ${JSON.stringify(PREVIEW_BRIDGE_SOURCE)};
  function post(message) {
    message.source = SOURCE;
    try { window.parent.postMessage(message, '*'); } catch (e) {}
  }
  function describe(value) {
    if (value instanceof Error) return value.stack && value.stack.indexOf(value.message) !== -1 ? value.stack : value.name + ': ' + value.message + (value.stack ? '\\n' + value.stack : '');
    if (typeof value === 'string') return value;
    try { return JSON.stringify(value); } catch (e) { return String(value); }
  }
  ${stepRunnerSource}
  var steps = createTabsmithStepRunner(window);
  function report(kind, message, source) {
    steps.noteError(kind, message, source);
    post({ type: 'error', error: { kind: kind, message: String(message).slice(0, 4000), source: source || undefined } });
  }
  window.addEventListener('error', function (event) {
    if (!event.error && !event.message) return;
    var where = event.filename ? event.filename + ':' + event.lineno + ':' + event.colno : '';
    report('exception', event.error ? describe(event.error) : event.message, where);
  });
  window.addEventListener('unhandledrejection', function (event) {
    report('unhandled-rejection', describe(event.reason), '');
  });
  var originalError = console.error;
  console.error = function () {
    var parts = [];
    for (var i = 0; i < arguments.length; i++) parts.push(describe(arguments[i]));
    report('console-error', parts.join(' '), '');
    return originalError.apply(console, arguments);
  };
  // Whether the page has a hot-update client (Vite, webpack, Next): without one, a save must reload it.
  function hasHotClient() {
    try {
      if (document.querySelector('script[src*="/@vite/client"]') || window.__vite_plugin_react_preamble_installed__) return true;
      if (window.__NEXT_DATA__ || window.__webpack_require__) return true;
      return Object.keys(window).some(function (key) { return key.indexOf('webpackHotUpdate') === 0 || key === '__parcel__import__'; });
    } catch (error) {
      return false;
    }
  }
  var leaving = false;
  var announcedDocument = false;
  function announce(event) {
    // After a reload request this document is on its way out; only the fresh one may say it loaded.
    if (leaving) return;
    var message = { type: 'loaded', url: location.href, hot: hasHotClient() };
    // A new document (not a client-side route change): a run of steps in the old one is gone.
    if (event === true || (event && event.type === 'load')) {
      if (announcedDocument) return;
      announcedDocument = true;
      message.initial = true;
    }
    post(message);
  }
  // Vite applies an edit without reloading the page (hot update) and logs it; that counts as showing the change.
  // Vite 6 logs one string ("[vite] hot updated: /src/App.tsx"), Vite 8 the prefix and the rest as two arguments.
  var originalDebug = console.debug;
  console.debug = function () {
    var logged = Array.prototype.slice.call(arguments, 0, 2).join(' ');
    if (/^\\[vite\\] (css )?hot updated/.test(logged)) post({ type: 'loaded', url: location.href, hot: true });
    if (originalDebug) return originalDebug.apply(console, arguments);
  };
  // Vite shows compile errors in an overlay element instead of throwing; its text is the error.
  function reportOverlay(node) {
    var root = node.shadowRoot;
    var parts = [];
    if (root) {
      ['.plugin', '.message-body', '.file'].forEach(function (selector) {
        var el = root.querySelector(selector);
        var text = el && String(el.textContent || '').trim();
        if (text) parts.push(text);
      });
    }
    report('console-error', parts.length ? parts.join('\\n') : 'The dev server could not compile the app (Vite error overlay).', 'vite error overlay');
  }
  if (window.MutationObserver && document.documentElement) {
    new window.MutationObserver(function (records) {
      for (var i = 0; i < records.length; i++) {
        var added = records[i].addedNodes;
        for (var j = 0; j < added.length; j++) if (added[j].nodeName === 'VITE-ERROR-OVERLAY') reportOverlay(added[j]);
      }
    }).observe(document.documentElement, { childList: true, subtree: true });
  }
  ['pushState', 'replaceState'].forEach(function (name) {
    var original = history[name];
    history[name] = function () {
      var result = original.apply(history, arguments);
      announce(false);
      return result;
    };
  });
  window.addEventListener('popstate', announce);
  window.addEventListener('hashchange', announce);
  if (document.readyState === 'complete') announce(true);
  else window.addEventListener('load', announce);

  var COMMAND_SOURCE = ${JSON.stringify(PREVIEW_COMMAND_SOURCE)};
  var picking = false;
  var box = null;
  function escapeId(id) { return window.CSS && CSS.escape ? CSS.escape(id) : id; }
  function selectorOf(el) {
    var parts = [];
    while (el && el.nodeType === 1 && el !== document.documentElement && parts.length < 6) {
      if (el.id) { parts.unshift('#' + escapeId(el.id)); break; }
      var step = el.tagName.toLowerCase();
      var parent = el.parentElement;
      if (parent) {
        var same = 0, index = 0;
        for (var i = 0; i < parent.children.length; i++) {
          if (parent.children[i].tagName === el.tagName) { same++; if (parent.children[i] === el) index = same; }
        }
        if (same > 1) step += ':nth-of-type(' + index + ')';
      }
      parts.unshift(step);
      el = parent;
    }
    return parts.join(' > ');
  }
  function describeElement(el) {
    var classes = [];
    var list = el.classList || [];
    for (var i = 0; i < list.length && classes.length < 10; i++) classes.push(list[i]);
    var text = String(el.innerText || el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 200);
    var element = { tag: el.tagName.toLowerCase(), text: text, selector: selectorOf(el) };
    if (el.id) element.id = el.id;
    if (classes.length) element.classes = classes;
    return element;
  }
  function outline(el) {
    if (!box) {
      box = document.createElement('div');
      box.setAttribute('data-tabsmith-highlight', '');
      box.style.cssText = 'position:fixed;pointer-events:none;z-index:2147483647;border:2px solid #0ea5e9;background:rgba(14,165,233,0.15);border-radius:3px;box-sizing:border-box;';
    }
    if (!box.parentNode) document.documentElement.appendChild(box);
    var r = el.getBoundingClientRect();
    box.style.left = r.left + 'px';
    box.style.top = r.top + 'px';
    box.style.width = r.width + 'px';
    box.style.height = r.height + 'px';
  }
  function setPicking(on) {
    picking = on;
    document.documentElement.style.cursor = on ? 'crosshair' : '';
    if (!on && box && box.parentNode) box.parentNode.removeChild(box);
  }
  function isElement(target) { return target && target.nodeType === 1 && target !== box; }
  window.addEventListener('mouseover', function (event) {
    if (picking && isElement(event.target)) outline(event.target);
  }, true);
  function swallow(event) {
    if (!picking) return;
    event.preventDefault();
    event.stopPropagation();
    if (event.stopImmediatePropagation) event.stopImmediatePropagation();
  }
  window.addEventListener('mousedown', swallow, true);
  window.addEventListener('pointerdown', swallow, true);
  window.addEventListener('mouseup', swallow, true);
  window.addEventListener('click', function (event) {
    if (!picking) return;
    swallow(event);
    if (isElement(event.target)) post({ type: 'element-selected', element: describeElement(event.target) });
    setPicking(false);
  }, true);
  window.addEventListener('message', function (event) {
    if (event.source !== window.parent) return;
    var data = event.data;
    if (!data || data.source !== COMMAND_SOURCE) return;
    if (data.type === 'select-mode') setPicking(data.on === true);
    if (data.type === 'ping' && typeof data.id === 'string') post({ type: 'pong', id: data.id });
    if (data.type === 'reload' && typeof data.id === 'string' && typeof data.path === 'string' && data.path.charAt(0) === '/' && data.path.charAt(1) !== '/' && data.path.indexOf('\\\\') === -1) {
      post({ type: 'reloading', id: data.id });
      leaving = true;
      // Always a fresh page, so a check starts from the state a person opening the app would see.
      var url = new URL(data.path, location.href);
      if (url.hash && url.pathname + url.search === location.pathname + location.search) {
        location.hash = url.hash;
        location.reload();
      } else {
        location.assign(url.href);
      }
    }
    if (data.type === 'run-steps' && typeof data.id === 'string' && Array.isArray(data.steps)) {
      var id = data.id;
      steps.run(data.steps, { timeoutMs: data.timeoutMs }).then(function (result) {
        post({ type: 'steps-result', id: id, result: result });
      }, function (error) {
        post({ type: 'steps-result', id: id, result: { passed: false, steps: [], text: '', errors: [{ message: steps.describeError(error) }] } });
      });
    }
  });
})();
`;
