import { PREVIEW_BRIDGE_SOURCE } from './messages';

/** Path on the preview origin where the proxy serves the bridge script (external, so a strict CSP allowing 'self' still runs it). */
export const PREVIEW_BRIDGE_PATH = '/__tabsmith__/preview-bridge.js';

/**
 * Runs inside the previewed app: reports uncaught errors, unhandled rejections and console.error
 * to the IDE window, and announces each page load or client-side navigation.
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
  function report(kind, message, source) {
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
  function announce() { post({ type: 'loaded', url: location.href }); }
  ['pushState', 'replaceState'].forEach(function (name) {
    var original = history[name];
    history[name] = function () {
      var result = original.apply(history, arguments);
      announce();
      return result;
    };
  });
  window.addEventListener('popstate', announce);
  window.addEventListener('hashchange', announce);
  if (document.readyState === 'complete') announce();
  else window.addEventListener('load', announce);
})();
`;
