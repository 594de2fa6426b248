/**
 * The `test_preview` step runner, as page source. It is part of the preview bridge (the proxy
 * serves it, WebContainer registers it with setPreviewScript), so it runs inside the previewed
 * app and drives the real DOM. Kept as text, like the rest of the bridge, so no bundler rewrites
 * it; `createTabsmithStepRunner(window)` is a plain function so unit tests can run it against a DOM.
 *
 * Each step first waits (polling) for its target or its text, up to `timeoutMs`; after an action
 * it waits for the DOM to go quiet briefly. The first failing step ends the run.
 */
export const stepRunnerSource = String.raw`function createTabsmithStepRunner(win) {
  var doc = win.document;
  var POLL_MS = 25;
  var QUIET_MS = 40;
  var SETTLE_MAX_MS = 500;
  var MAX_TEXT = 4000;
  var running = null;

  function flat(s) { return String(s == null ? '' : s).replace(/\s+/g, ' ').trim(); }
  function lower(s) { return flat(s).toLowerCase(); }
  function quote(s) { s = flat(s); return "'" + (s.length > 60 ? s.slice(0, 57) + '…' : s) + "'"; }
  function now() { return Date.now(); }
  function delay(ms) { return new Promise(function (resolve) { win.setTimeout(resolve, ms); }); }

  var NEVER_SHOWN = { SCRIPT: 1, STYLE: 1, NOSCRIPT: 1, TEMPLATE: 1, HEAD: 1, TITLE: 1, META: 1, LINK: 1 };
  var BLOCK = { ADDRESS: 1, ARTICLE: 1, ASIDE: 1, BLOCKQUOTE: 1, BODY: 1, DD: 1, DETAILS: 1, DIALOG: 1, DIV: 1, DL: 1, DT: 1,
    FIELDSET: 1, FIGCAPTION: 1, FIGURE: 1, FOOTER: 1, FORM: 1, H1: 1, H2: 1, H3: 1, H4: 1, H5: 1, H6: 1, HEADER: 1, HR: 1,
    LI: 1, MAIN: 1, NAV: 1, OL: 1, P: 1, PRE: 1, SECTION: 1, SUMMARY: 1, TABLE: 1, TR: 1, UL: 1, OPTION: 1, LEGEND: 1 };
  var SEPARATE = { BUTTON: 1, TD: 1, TH: 1, INPUT: 1, SELECT: 1, TEXTAREA: 1, LABEL: 1, IMG: 1 };

  function styleOf(el) {
    try { return win.getComputedStyle(el); } catch (e) { return null; }
  }
  function hiddenItself(el) {
    if (NEVER_SHOWN[el.tagName] || el.hidden || el.hasAttribute('data-tabsmith-highlight')) return true;
    if (el.tagName === 'INPUT' && String(el.type).toLowerCase() === 'hidden') return true;
    var style = styleOf(el);
    return !!style && (style.display === 'none' || style.visibility === 'hidden' || style.visibility === 'collapse');
  }
  function isVisible(el) {
    for (var node = el; node && node.nodeType === 1; node = node.parentElement) {
      if (hiddenItself(node)) return false;
      if (node.tagName === 'DETAILS' && !node.open && node !== el && !(el.tagName === 'SUMMARY' || isInSummary(el, node))) return false;
    }
    return true;
  }
  function isInSummary(el, details) {
    for (var node = el; node && node !== details; node = node.parentElement) if (node.tagName === 'SUMMARY') return true;
    return false;
  }

  /** Visible text of an element, one line per block, hidden parts left out. */
  function textLines(root) {
    var lines = [];
    var line = '';
    function breakLine() { var t = flat(line); if (t) lines.push(t); line = ''; }
    function walk(node) {
      if (node.nodeType === 3) { line += node.nodeValue; return; }
      if (node.nodeType !== 1 || hiddenItself(node)) return;
      if (node.tagName === 'BR') { breakLine(); return; }
      if (node.tagName === 'DETAILS' && !node.open) {
        for (var s = node.firstElementChild; s; s = s.nextElementSibling) if (s.tagName === 'SUMMARY') { breakLine(); walk(s); breakLine(); }
        return;
      }
      var block = BLOCK[node.tagName];
      var separate = SEPARATE[node.tagName];
      if (block) breakLine(); else if (separate) line += ' ';
      if (node.tagName === 'INPUT') {
        var type = String(node.type).toLowerCase();
        if (type === 'submit' || type === 'button' || type === 'reset') line += node.value;
      } else if (node.tagName === 'IMG') {
        line += node.getAttribute('alt') || '';
      } else if (node.tagName !== 'SELECT' && node.tagName !== 'TEXTAREA') {
        for (var child = node.firstChild; child; child = child.nextSibling) walk(child);
      }
      if (block) breakLine(); else if (separate) line += ' ';
    }
    walk(root);
    breakLine();
    return lines;
  }
  function pageText() {
    var text = doc.body ? textLines(doc.body).join('\n') : '';
    return text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) + '\n…(more text cut)' : text;
  }
  function ownText(el) { return flat(textLines(el).join(' ')); }

  function all(selector) { return Array.prototype.slice.call(doc.querySelectorAll(selector)); }
  function visibleElements() { return doc.body ? all('body *').filter(isVisible) : []; }

  var CLICKABLE = 'button, a[href], summary, label, select, [role=button], [role=link], [role=tab], [role=menuitem], [role=checkbox], [role=radio], [role=option], [role=switch], input[type=button], input[type=submit], input[type=reset], input[type=checkbox], input[type=radio], input[type=image], [onclick], [tabindex]';
  var FIELD_SKIP = { button: 1, submit: 1, reset: 1, checkbox: 1, radio: 1, hidden: 1, image: 1, file: 1, range: 1, color: 1 };
  function matches(el, selector) { try { return el.matches(selector); } catch (e) { return false; } }
  function isClickable(el) { return matches(el, CLICKABLE); }
  function isField(el) {
    if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
    if (el.tagName === 'INPUT') return !FIELD_SKIP[String(el.type).toLowerCase()];
    return el.isContentEditable === true || (el.getAttribute('contenteditable') !== null && el.getAttribute('contenteditable') !== 'false');
  }
  function buttonText(el) {
    if (el.tagName === 'INPUT') return flat(el.value);
    return ownText(el);
  }
  function labelledText(el) {
    var texts = [];
    var aria = el.getAttribute('aria-label');
    if (aria) texts.push(aria);
    var by = el.getAttribute('aria-labelledby');
    if (by) by.split(/\s+/).forEach(function (id) { var ref = doc.getElementById(id); if (ref) texts.push(ownText(ref)); });
    if (el.labels) for (var i = 0; i < el.labels.length; i++) texts.push(ownText(el.labels[i]));
    else if (el.id) all('label[for]').forEach(function (label) { if (label.htmlFor === el.id) texts.push(ownText(label)); });
    for (var node = el.parentElement; node; node = node.parentElement) if (node.tagName === 'LABEL') { texts.push(ownText(node)); break; }
    var title = el.getAttribute('title');
    if (title) texts.push(title);
    if (el.tagName === 'IMG' && el.getAttribute('alt')) texts.push(el.getAttribute('alt'));
    return texts.map(flat).filter(Boolean);
  }
  function same(a, b) { return lower(a) === lower(b); }
  function contains(a, b) { return lower(a).indexOf(lower(b)) !== -1; }
  function byDepth(list) {
    // The innermost element whose text matches is the one a person means ("Add", not the whole card).
    return list.filter(function (el) { return !list.some(function (other) { return other !== el && el.contains(other); }); });
  }
  function controlOf(label) {
    if (label.control) return label.control;
    if (label.htmlFor) return doc.getElementById(label.htmlFor);
    return label.querySelector('input, textarea, select');
  }
  function bySelector(target) {
    try { return all(target).filter(isVisible); } catch (e) { return []; }
  }

  /** Finds what a step means by its target: visible text, then label, then placeholder, then CSS selector, then partial text. */
  function resolve(target, want) {
    var els = visibleElements();
    var test = want === 'field' ? isField : want === 'click' ? isClickable : function () { return true; };
    var found;
    for (var pass = 0; pass < 2; pass++) {
      var match = pass === 0 ? same : contains;
      if (want !== 'field') {
        found = els.filter(function (el) { return isClickable(el) && match(buttonText(el), target); });
        if (found.length) return byDepth(found)[0];
        found = byDepth(els.filter(function (el) { return el.tagName !== 'LABEL' && match(ownText(el), target); }));
        if (found.length) return found[0];
      }
      found = els.filter(function (el) { return labelledText(el).some(function (t) { return match(t, target); }) && (want !== 'field' || isField(el)); });
      if (found.length) return found[0];
      var labels = all('label').filter(function (label) { return match(ownText(label), target); });
      for (var i = 0; i < labels.length; i++) { var control = controlOf(labels[i]); if (control && isVisible(control)) return control; }
      found = els.filter(function (el) { return match(el.getAttribute('placeholder'), target) && el.hasAttribute('placeholder'); });
      if (found.length) return found[0];
      if (pass === 0) {
        found = bySelector(target);
        if (found.length) return found.filter(test)[0] || found[0];
      }
      if (want === 'field') {
        // A field named by the text just before it ("Name" in a form row).
        found = byDepth(els.filter(function (el) { return !isField(el) && match(ownText(el), target); }));
        for (var j = 0; j < found.length; j++) {
          var near = found[j].parentElement && found[j].parentElement.querySelector('input, textarea, select, [contenteditable]');
          if (near && isField(near) && isVisible(near)) return near;
        }
      }
    }
    return null;
  }

  function kindOf(el) {
    var tag = el.tagName.toLowerCase();
    var role = el.getAttribute('role');
    if (role) return role;
    if (tag === 'a') return 'link';
    if (tag === 'input') return String(el.type).toLowerCase() === 'submit' ? 'button' : String(el.type).toLowerCase() + ' field';
    if (tag === 'textarea' || tag === 'select') return 'field';
    if (tag === 'button') return 'button';
    return '<' + tag + '>';
  }
  function nameOf(el) {
    var text = isField(el) ? '' : buttonText(el);
    if (!text) text = labelledText(el)[0] || el.getAttribute('placeholder') || el.getAttribute('name') || '';
    return text ? quote(text) : kindOf(el);
  }
  function listOf(els, max) {
    var names = [];
    els.forEach(function (el) { var n = nameOf(el); if (names.indexOf(n) === -1 && names.length < max) names.push(n); });
    return names.join(', ');
  }
  function missing(target, want) {
    if (want === 'field') {
      var fields = visibleElements().filter(isField);
      return 'no field with label or placeholder ' + quote(target) + (fields.length ? ' — fields on the page: ' + listOf(fields, 8) : ' — the page has no fields');
    }
    var buttons = visibleElements().filter(function (el) { return matches(el, 'button, a[href], [role=button], input[type=submit], input[type=button]'); });
    return 'no button with text ' + quote(target) + (buttons.length ? ' — buttons on the page: ' + listOf(buttons, 8) : ' — the page has no buttons');
  }

  function isDisabled(el) {
    for (var node = el; node; node = node.parentElement) {
      if (node.disabled === true || node.getAttribute('aria-disabled') === 'true') return true;
      if (node.tagName === 'FIELDSET' && node.disabled) return true;
    }
    return false;
  }

  /** Polls until find() gives a value or the step's time is up. */
  function waitFor(find, timeoutMs) {
    var start = now();
    return new Promise(function (resolve) {
      function attempt() {
        var value;
        try { value = find(); } catch (e) { value = null; }
        if (value) return resolve(value);
        if (now() - start >= timeoutMs) return resolve(null);
        win.setTimeout(attempt, POLL_MS);
      }
      attempt();
    });
  }

  /** After an action: wait until the DOM has not changed for a moment (frameworks render asynchronously). */
  function settle() {
    return new Promise(function (resolve) {
      var start = now();
      var last = now();
      var observer = win.MutationObserver ? new win.MutationObserver(function () { last = now(); }) : null;
      if (observer && doc.documentElement) observer.observe(doc.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
      function check() {
        var t = now();
        if (t - last >= QUIET_MS || t - start >= SETTLE_MAX_MS) {
          if (observer) observer.disconnect();
          return resolve();
        }
        win.setTimeout(check, Math.min(QUIET_MS, POLL_MS));
      }
      win.setTimeout(check, QUIET_MS);
    });
  }

  function mouse(type, el, Ctor) {
    var rect = el.getBoundingClientRect ? el.getBoundingClientRect() : { left: 0, top: 0, width: 0, height: 0 };
    el.dispatchEvent(new Ctor(type, { bubbles: true, cancelable: true, composed: true, view: win, button: 0, buttons: type.indexOf('down') !== -1 ? 1 : 0,
      clientX: rect.left + rect.width / 2, clientY: rect.top + rect.height / 2 }));
  }
  function clickElement(el) {
    if (el.scrollIntoView) try { el.scrollIntoView({ block: 'nearest', inline: 'nearest' }); } catch (e) {}
    var Pointer = win.PointerEvent || win.MouseEvent;
    mouse('pointerdown', el, Pointer);
    mouse('mousedown', el, win.MouseEvent);
    if (el.focus) try { el.focus(); } catch (e) {}
    mouse('pointerup', el, Pointer);
    mouse('mouseup', el, win.MouseEvent);
    el.click();
  }

  function setValue(el, value) {
    if (el.focus) try { el.focus(); } catch (e) {}
    if (el.tagName === 'SELECT') {
      var options = Array.prototype.slice.call(el.options);
      var option = options.filter(function (o) { return o.value === value; })[0] || options.filter(function (o) { return same(o.textContent, value); })[0];
      if (!option) return 'the list ' + nameOf(el) + ' has no option ' + quote(value) + ' — its options: ' + options.map(function (o) { return quote(o.textContent); }).join(', ');
      el.value = option.value;
    } else if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') {
      // The prototype's setter, not the element's own: React tracks values through its own setter and would miss the change.
      var proto = el.tagName === 'INPUT' ? win.HTMLInputElement.prototype : win.HTMLTextAreaElement.prototype;
      var descriptor = Object.getOwnPropertyDescriptor(proto, 'value');
      if (descriptor && descriptor.set) descriptor.set.call(el, value); else el.value = value;
    } else {
      el.textContent = value;
    }
    el.dispatchEvent(new win.Event('input', { bubbles: true, composed: true }));
    el.dispatchEvent(new win.Event('change', { bubbles: true }));
    return null;
  }

  var KEY_ALIASES = { return: 'Enter', esc: 'Escape', space: ' ', spacebar: ' ', up: 'ArrowUp', down: 'ArrowDown', left: 'ArrowLeft', right: 'ArrowRight', del: 'Delete' };
  var KEY_CODES = { Enter: 13, Escape: 27, Tab: 9, ' ': 32, Backspace: 8, Delete: 46, ArrowUp: 38, ArrowDown: 40, ArrowLeft: 37, ArrowRight: 39 };
  function keyName(value) {
    var alias = KEY_ALIASES[String(value).toLowerCase()];
    if (alias) return alias;
    if (value.length === 1) return value;
    return value.charAt(0).toUpperCase() + value.slice(1);
  }
  function pressKey(el, key) {
    var code = KEY_CODES[key] || (key.length === 1 ? key.toUpperCase().charCodeAt(0) : 0);
    var init = { key: key, code: key === ' ' ? 'Space' : key.length === 1 ? 'Key' + key.toUpperCase() : key, keyCode: code, which: code, bubbles: true, cancelable: true, composed: true, view: win };
    var proceed = el.dispatchEvent(new win.KeyboardEvent('keydown', init));
    if (proceed && (key.length === 1 || key === 'Enter')) proceed = el.dispatchEvent(new win.KeyboardEvent('keypress', init));
    if (proceed) {
      if (key === 'Enter' && el.tagName === 'INPUT' && el.form) {
        if (el.form.requestSubmit) el.form.requestSubmit(); else el.form.dispatchEvent(new win.Event('submit', { bubbles: true, cancelable: true }));
      } else if ((key === 'Enter' || key === ' ') && isClickable(el) && !isField(el)) {
        el.click();
      } else if (key.length === 1 && isField(el) && el.tagName !== 'SELECT') {
        setValue(el, (el.value != null && el.tagName !== 'DIV' ? el.value : el.textContent) + key);
      } else if (key === 'Backspace' && isField(el) && el.tagName !== 'SELECT') {
        var current = el.value != null ? el.value : el.textContent;
        setValue(el, current.slice(0, -1));
      }
    }
    el.dispatchEvent(new win.KeyboardEvent('keyup', init));
  }

  /** The part of the page text closest to what was expected, for "the page shows …". */
  function nearest(expected, lines) {
    if (!lines.length) return null;
    var want = lower(expected);
    var best = null, bestScore = -1;
    lines.forEach(function (line) {
      var l = lower(line);
      var prefix = 0;
      while (prefix < l.length && prefix < want.length && l.charAt(prefix) === want.charAt(prefix)) prefix++;
      var words = want.split(' ').filter(function (w) { return w && l.indexOf(w) !== -1; }).length;
      var score = prefix * 2 + words * 3 - Math.abs(l.length - want.length) / 10;
      if (score > bestScore) { bestScore = score; best = line; }
    });
    if (bestScore <= 0) return lines.join(' / ');
    return best;
  }
  function around(haystack, needle) {
    var at = lower(haystack).indexOf(lower(needle));
    var flatText = flat(haystack);
    if (at < 0) return flatText;
    var start = Math.max(0, at - 30), end = Math.min(flatText.length, at + needle.length + 30);
    return (start > 0 ? '…' : '') + flatText.slice(start, end) + (end < flatText.length ? '…' : '');
  }
  function showsText(text) {
    var t = flat(text);
    if (!t) return 'shows no text';
    return 'shows ' + quote(t.length > 200 ? t.slice(0, 197) + '…' : t);
  }

  var STEP_NEEDS = {
    fill: 'fill needs a value: the text to type',
    press: "press needs a value: the key to press, e.g. 'Enter'",
    expect_text: 'expect_text needs a value: the text that should be on the page',
    expect_no_text: 'expect_no_text needs a value: the text that should not be on the page'
  };

  function scopeOf(step, timeoutMs) {
    if (!step.target) return Promise.resolve({ el: null });
    return waitFor(function () { return resolve(step.target, 'any'); }, timeoutMs).then(function (el) { return { el: el }; });
  }

  function runStep(step, timeoutMs) {
    var action = step.action;
    var target = step.target == null ? '' : String(step.target);
    var value = step.value == null ? '' : String(step.value);
    function result(ok, detail) { return { action: action, ok: ok, detail: detail }; }
    if (STEP_NEEDS[action] && value === '') return Promise.resolve(result(false, STEP_NEEDS[action]));
    if (action === 'click') {
      if (!target) return Promise.resolve(result(false, 'click needs a target: the text, label or selector of what to click'));
      return waitFor(function () { var el = resolve(target, 'click'); return el && !isDisabled(el) ? el : null; }, timeoutMs).then(function (el) {
        if (!el) {
          var present = resolve(target, 'click');
          return result(false, present ? 'the ' + kindOf(present) + ' ' + nameOf(present) + ' is disabled' : missing(target, 'click'));
        }
        var name = nameOf(el);
        clickElement(el);
        return settle().then(function () { return result(true, 'clicked ' + name); });
      });
    }
    if (action === 'fill') {
      var findField = function () {
        if (target) return resolve(target, 'field');
        var active = doc.activeElement;
        if (active && isField(active) && isVisible(active)) return active;
        return visibleElements().filter(isField)[0] || null;
      };
      return waitFor(function () { var el = findField(); return el && isField(el) && !isDisabled(el) ? el : null; }, timeoutMs).then(function (el) {
        if (!el) {
          var other = findField() || (target ? resolve(target, 'any') : null);
          if (other && !isField(other)) return result(false, nameOf(other) + ' is a ' + kindOf(other) + ', not a field you can type into');
          if (other) return result(false, 'the field ' + nameOf(other) + ' is disabled');
          return result(false, target ? missing(target, 'field') : 'no field to fill on the page');
        }
        var problem = setValue(el, value);
        if (problem) return result(false, problem);
        return settle().then(function () { return result(true, 'filled ' + nameOf(el) + ' with ' + quote(value)); });
      });
    }
    if (action === 'press') {
      var key = keyName(value);
      var findKeyTarget = function () {
        if (target) {
          var found = resolve(target, 'any');
          // A key goes to the field a label names, not to the label.
          if (found && found.tagName === 'LABEL') return controlOf(found) || found;
          return found;
        }
        return doc.activeElement && doc.activeElement !== doc.documentElement ? doc.activeElement : doc.body;
      };
      return waitFor(findKeyTarget, timeoutMs).then(function (el) {
        if (!el) return result(false, missing(target, 'any'));
        if (target && el.focus) try { el.focus(); } catch (e) {}
        pressKey(el, key);
        return settle().then(function () { return result(true, 'pressed ' + (key === ' ' ? 'Space' : key) + (el !== doc.body ? ' in ' + nameOf(el) : '')); });
      });
    }
    if (action === 'expect_text' || action === 'expect_no_text') {
      var present = action === 'expect_text';
      return scopeOf(step, timeoutMs).then(function (scope) {
        if (target && !scope.el) return result(false, 'no element ' + quote(target) + ' to look in');
        var read = function () { return scope.el ? textLines(scope.el) : doc.body ? textLines(doc.body) : []; };
        // "saw 'Count: 1' in 'Count: 1'" says nothing twice: an element named by the text itself is not named again.
        var where = scope.el && nameOf(scope.el) !== quote(value) ? ' in ' + nameOf(scope.el) : '';
        return waitFor(function () { return contains(read().join('\n'), value) === present; }, timeoutMs).then(function (ok) {
          var lines = read();
          if (ok) return result(true, (present ? 'saw ' : 'did not see ') + quote(value) + where);
          var text = lines.join('\n');
          if (present) {
            var close = nearest(value, lines);
            return result(false, 'expected ' + quote(value) + where + ', ' + (scope.el ? 'it' : 'the page') + ' ' + (close === null ? 'shows no text' : showsText(close)));
          }
          return result(false, 'expected no ' + quote(value) + where + ', ' + (scope.el ? 'it' : 'the page') + ' shows ' + quote(around(text, value)));
        });
      });
    }
    return Promise.resolve(result(false, 'unknown action ' + quote(action) + ': use click, fill, press, expect_text or expect_no_text'));
  }

  function describeError(value) {
    if (value && value.message) return String(value.name ? value.name + ': ' + value.message : value.message);
    return String(value);
  }

  return {
    /** Records an error the page reported; one that is thrown during a step fails that step. */
    noteError: function (kind, message, source) {
      if (!running) return;
      if (running.errors.length < 10) running.errors.push(source ? { message: String(message).slice(0, 2000), source: String(source) } : { message: String(message).slice(0, 2000) });
      if (kind !== 'console-error' && !running.thrown) running.thrown = String(message).split('\n')[0];
    },
    describeError: describeError,
    run: function (steps, options) {
      var timeoutMs = options && options.timeoutMs > 0 ? options.timeoutMs : 3000;
      var state = { errors: [], thrown: null };
      running = state;
      var outcomes = [];
      var index = 0;
      function finish() {
        if (running === state) running = null;
        return { passed: outcomes.length === steps.length && outcomes.every(function (o) { return o.ok; }), steps: outcomes, text: pageText(), errors: state.errors };
      }
      function next() {
        if (index >= steps.length) return Promise.resolve(finish());
        var step = steps[index++];
        state.thrown = null;
        return runStep(step, timeoutMs).then(null, function (error) {
          return { action: step.action, ok: false, detail: 'the step could not run: ' + describeError(error) };
        }).then(function (outcome) {
          if (outcome.ok && state.thrown) outcome = { action: outcome.action, ok: false, detail: outcome.detail + ", then the page threw '" + flat(state.thrown).slice(0, 300) + "'" };
          outcomes.push(outcome);
          return outcome.ok ? next() : finish();
        });
      }
      return next();
    },
    pageText: pageText
  };
}`;
