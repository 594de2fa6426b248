import { afterEach, describe, expect, it } from 'vitest';
import type { PreviewStep } from './steps';
import { pageWith } from './test-support/page';

const FAST = { timeoutMs: 200 };
let open: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.map((page) => page.close()));
  open = [];
});

function page(html: string) {
  const p = pageWith(html);
  open.push(p);
  return p;
}

/** A counter like the apps the agent builds: the click handler re-renders a moment later. */
function counterPage(options: { broken?: boolean; renderDelayMs?: number } = {}) {
  const p = page('<main><h1>Counter</h1><button id="inc" class="primary">Count: 0</button></main>');
  const button = p.document.getElementById('inc')!;
  let count = 0;
  button.addEventListener('click', () => {
    if (options.broken) return;
    count += 1;
    p.window.setTimeout(() => (button.textContent = `Count: ${count}`), options.renderDelayMs ?? 5);
  });
  return p;
}

async function runOne(html: string, step: PreviewStep) {
  const p = page(html);
  const result = await p.runner.run([step], FAST);
  return { p, result, step: result.steps[0] };
}

describe('target resolution', () => {
  it('finds a button by its visible text, exact before partial, case-insensitively', async () => {
    const p = page('<button>Add item</button><button>Add</button><p>Added: <span id=out>none</span></p>');
    const out = p.document.getElementById('out')!;
    p.document.querySelectorAll('button').forEach((b) => b.addEventListener('click', () => (out.textContent = b.textContent ?? '')));
    let result = await p.runner.run([{ action: 'click', target: 'add' }, { action: 'expect_text', value: 'Added: Add' }], FAST);
    expect(result.passed).toBe(true);
    expect(result.steps[0].detail).toBe("clicked 'Add'");
    result = await p.runner.run([{ action: 'click', target: 'item' }, { action: 'expect_text', value: 'Added: Add item' }], FAST);
    expect(result.passed).toBe(true);
  });

  it('clicks the innermost element carrying the text, and skips hidden ones', async () => {
    const p = page(
      '<ul><li class="todo" style="display:none">Buy milk</li><li class="todo" id="shown"><span>Buy milk</span></li></ul><p id="log"></p>',
    );
    const log = p.document.getElementById('log')!;
    p.document.querySelector('ul')!.addEventListener('click', (event) => {
      const li = (event.target as unknown as Element).closest('li');
      log.textContent = `clicked ${li?.id || 'hidden'}`;
    });
    const result = await p.runner.run([{ action: 'click', target: 'Buy milk' }, { action: 'expect_text', value: 'clicked shown' }], FAST);
    expect(result.passed).toBe(true);
  });

  it('finds fields by label element, wrapping label, aria-label and placeholder', async () => {
    const p = page(`
      <label for="email">Email</label><input id="email">
      <label>Name <input id="name"></label>
      <input id="search" aria-label="Search">
      <textarea id="notes" placeholder="Write a note"></textarea>
      <select id="size"><option value="s">Small</option><option value="l">Large</option></select><label for="size">Size</label>`);
    const result = await p.runner.run(
      [
        { action: 'fill', target: 'Email', value: 'a@b.c' },
        { action: 'fill', target: 'Name', value: 'Ada' },
        { action: 'fill', target: 'Search', value: 'milk' },
        { action: 'fill', target: 'Write a note', value: 'hello' },
        { action: 'fill', target: 'Size', value: 'Large' },
      ],
      FAST,
    );
    expect(result.steps.map((s) => s.detail)).toEqual([
      "filled 'Email' with 'a@b.c'",
      "filled 'Name' with 'Ada'",
      "filled 'Search' with 'milk'",
      "filled 'Write a note' with 'hello'",
      "filled 'Size' with 'Large'",
    ]);
    const value = (id: string) => (p.document.getElementById(id) as unknown as { value: string }).value;
    expect([value('email'), value('name'), value('search'), value('notes'), value('size')]).toEqual(['a@b.c', 'Ada', 'milk', 'hello', 'l']);
  });

  it('fires input and change events a framework listens to', async () => {
    const p = page('<input placeholder="Todo"><p id="echo"></p>');
    const input = p.document.querySelector('input')!;
    const echo = p.document.getElementById('echo')!;
    const seen: string[] = [];
    input.addEventListener('input', () => (echo.textContent = `typed ${input.value}`));
    input.addEventListener('change', () => seen.push('change'));
    const result = await p.runner.run([{ action: 'fill', target: 'Todo', value: 'milk' }, { action: 'expect_text', value: 'typed milk' }], FAST);
    expect(result.passed).toBe(true);
    expect(seen).toEqual(['change']);
  });

  it('falls back to a CSS selector', async () => {
    const p = counterPage();
    const result = await p.runner.run([{ action: 'click', target: '#inc' }, { action: 'expect_text', value: 'Count: 1' }], FAST);
    expect(result.passed).toBe(true);
    expect(result.steps[0].detail).toBe("clicked 'Count: 0'");
    const byClass = await p.runner.run([{ action: 'click', target: 'button.primary' }, { action: 'expect_text', value: 'Count: 2' }], FAST);
    expect(byClass.passed).toBe(true);
  });

  it('scopes expect_text to a target', async () => {
    const p = page('<section id="a"><h2>Inbox</h2><p>3 new</p></section><section id="b"><h2>Sent</h2><p>0 new</p></section>');
    const inScope = await p.runner.run([{ action: 'expect_text', target: '#b', value: '0 new' }], FAST);
    expect(inScope.passed).toBe(true);
    const wrong = await p.runner.run([{ action: 'expect_text', target: '#b', value: '3 new' }], FAST);
    expect(wrong.steps[0].detail).toBe("expected '3 new' in 'Sent 0 new', it shows '0 new'");
    expect(inScope.steps[0].detail).toBe("saw '0 new' in 'Sent 0 new'");
  });

  it('does not name the scope again when it is named by the text it shows', async () => {
    const p = page('<p id="count">Count: 1</p>');
    const result = await p.runner.run([{ action: 'expect_text', target: '#count', value: 'Count: 1' }], FAST);
    expect(result.steps[0].detail).toBe("saw 'Count: 1'");
  });
});

describe('press', () => {
  it('submits a form with Enter in a field', async () => {
    const p = page('<form><input placeholder="New todo"></form><ul id="list"></ul>');
    const form = p.document.querySelector('form')!;
    const input = p.document.querySelector('input')!;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const li = p.document.createElement('li');
      li.textContent = input.value;
      p.document.getElementById('list')!.appendChild(li);
    });
    const result = await p.runner.run(
      [
        { action: 'fill', target: 'New todo', value: 'Walk the dog' },
        { action: 'press', target: 'New todo', value: 'Enter' },
        { action: 'expect_text', value: 'Walk the dog' },
      ],
      FAST,
    );
    expect(result.steps.map((s) => s.detail)).toEqual(["filled 'New todo' with 'Walk the dog'", "pressed Enter in 'New todo'", "saw 'Walk the dog'"]);
    expect(result.passed).toBe(true);
  });

  it('sends the key to the field a wrapping label names, not to the label', async () => {
    const p = page('<form><label>New todo <input></label></form><p id="s"></p>');
    p.document.querySelector('form')!.addEventListener('submit', (event) => {
      event.preventDefault();
      p.document.getElementById('s')!.textContent = 'submitted';
    });
    const result = await p.runner.run([{ action: 'press', target: 'New todo', value: 'Enter' }, { action: 'expect_text', value: 'submitted' }], FAST);
    expect(result.passed).toBe(true);
  });

  it('delivers the key to keydown listeners on the focused element', async () => {
    const p = page('<input placeholder="Type"><p id="k"></p>');
    const input = p.document.querySelector('input')!;
    input.addEventListener('keydown', (event) => (p.document.getElementById('k')!.textContent = `key ${(event as unknown as KeyboardEvent).key}`));
    const result = await p.runner.run([{ action: 'click', target: 'Type' }, { action: 'press', value: 'escape' }, { action: 'expect_text', value: 'key Escape' }], FAST);
    expect(result.passed).toBe(true);
  });
});

describe('waiting', () => {
  it('waits for a target that appears later', async () => {
    const p = page('<p>Loading…</p>');
    p.window.setTimeout(() => (p.document.body.innerHTML = '<button>Start</button>'), 60);
    const result = await p.runner.run([{ action: 'click', target: 'Start' }], { timeoutMs: 1000 });
    expect(result.steps[0]).toEqual({ action: 'click', ok: true, detail: "clicked 'Start'" });
  });

  it('waits for text that a slow render shows', async () => {
    const p = counterPage({ renderDelayMs: 150 });
    const result = await p.runner.run([{ action: 'click', target: 'Count: 0' }, { action: 'expect_text', value: 'Count: 1' }], { timeoutMs: 1000 });
    expect(result.passed).toBe(true);
  });

  it('waits for a disabled button to become enabled', async () => {
    const p = page('<button disabled>Save</button><p id="s"></p>');
    const button = p.document.querySelector('button')!;
    button.addEventListener('click', () => (p.document.getElementById('s')!.textContent = 'Saved'));
    p.window.setTimeout(() => button.removeAttribute('disabled'), 60);
    const result = await p.runner.run([{ action: 'click', target: 'Save' }, { action: 'expect_text', value: 'Saved' }], { timeoutMs: 1000 });
    expect(result.passed).toBe(true);
  });

  it('waits for text to go away for expect_no_text', async () => {
    const p = page('<p id="m">Saving…</p>');
    p.window.setTimeout(() => (p.document.getElementById('m')!.textContent = 'Saved'), 60);
    const result = await p.runner.run([{ action: 'expect_no_text', value: 'Saving' }], { timeoutMs: 1000 });
    expect(result.steps[0]).toEqual({ action: 'expect_no_text', ok: true, detail: "did not see 'Saving'" });
  });
});

describe('failure messages', () => {
  it('a counter whose button does nothing: expected vs shown', async () => {
    const p = counterPage({ broken: true });
    const result = await p.runner.run(
      [
        { action: 'click', target: 'Count: 0' },
        { action: 'expect_text', value: 'Count: 1' },
        { action: 'click', target: 'Count: 0' },
      ],
      FAST,
    );
    expect(result.passed).toBe(false);
    // The run stops at the first failure.
    expect(result.steps).toEqual([
      { action: 'click', ok: true, detail: "clicked 'Count: 0'" },
      { action: 'expect_text', ok: false, detail: "expected 'Count: 1', the page shows 'Count: 0'" },
    ]);
    expect(result.text).toBe('Counter\nCount: 0');
  });

  it.each<[string, string, PreviewStep, string]>([
    ['no button', '<button>Count: 0</button><a href="/about">About</a>', { action: 'click', target: 'Add' }, "no button with text 'Add' — buttons on the page: 'Count: 0', 'About'"],
    ['no buttons at all', '<p>Hello</p>', { action: 'click', target: 'Add' }, "no button with text 'Add' — the page has no buttons"],
    ['disabled button', '<button disabled>Save</button>', { action: 'click', target: 'Save' }, "the button 'Save' is disabled"],
    ['click without target', '<button>x</button>', { action: 'click' }, 'click needs a target: the text, label or selector of what to click'],
    ['no field', '<input placeholder="Name">', { action: 'fill', target: 'Email', value: 'x' }, "no field with label or placeholder 'Email' — fields on the page: 'Name'"],
    ['no fields at all', '<p>Hi</p>', { action: 'fill', target: 'Email', value: 'x' }, "no field with label or placeholder 'Email' — the page has no fields"],
    ['not a field', '<button>Add</button>', { action: 'fill', target: 'Add', value: 'x' }, "'Add' is a button, not a field you can type into"],
    ['disabled field', '<input placeholder="Name" disabled>', { action: 'fill', target: 'Name', value: 'x' }, "the field 'Name' is disabled"],
    ['fill without value', '<input placeholder="Name">', { action: 'fill', target: 'Name' }, 'fill needs a value: the text to type'],
    ['select without option', '<label>Size <select><option>Small</option></select></label>', { action: 'fill', target: 'Size', value: 'Huge' }, "the list 'Size' has no option 'Huge' — its options: 'Small'"],
    ['press without key', '<input>', { action: 'press' }, "press needs a value: the key to press, e.g. 'Enter'"],
    ['press on missing target', '<button>Go</button>', { action: 'press', target: 'Name', value: 'Enter' }, "no button with text 'Name' — buttons on the page: 'Go'"],
    ['expect without value', '<p>x</p>', { action: 'expect_text' }, 'expect_text needs a value: the text that should be on the page'],
    ['expect on an empty page', '', { action: 'expect_text', value: 'Hello' }, "expected 'Hello', the page shows no text"],
    ['expect no text without value', '<p>x</p>', { action: 'expect_no_text' }, 'expect_no_text needs a value: the text that should not be on the page'],
    ['text that should be gone', '<h1>Todos</h1><p>Error: list is undefined</p>', { action: 'expect_no_text', value: 'Error' }, "expected no 'Error', the page shows 'Todos Error: list is undefined'"],
    ['scope missing', '<p>x</p>', { action: 'expect_text', target: '#totals', value: '3' }, "no element '#totals' to look in"],
    ['unknown action', '<p>x</p>', { action: 'hover' as PreviewStep['action'], target: 'x' }, "unknown action 'hover': use click, fill, press, expect_text or expect_no_text"],
  ])('%s', async (_name, html, step, detail) => {
    const { result } = await runOne(html, step);
    expect(result.passed).toBe(false);
    expect(result.steps).toEqual([{ action: step.action, ok: false, detail }]);
  });

  it('picks the line closest to the expected text for "the page shows"', async () => {
    const { step } = await runOne('<h1>Shop</h1><p>Items: 3</p><p>Total: $12.00</p><footer>© 2024</footer>', {
      action: 'expect_text',
      value: 'Total: $15.00',
    });
    expect(step.detail).toBe("expected 'Total: $15.00', the page shows 'Total: $12.00'");
  });

  it('a click whose handler throws fails with the error, which the result carries', async () => {
    const p = page('<button>Boom</button>');
    p.document.querySelector('button')!.addEventListener('click', () => {
      p.runner.noteError('exception', "TypeError: Cannot read properties of undefined (reading 'map')\n    at App.tsx:4", 'App.tsx:4:3');
    });
    const result = await p.runner.run([{ action: 'click', target: 'Boom' }, { action: 'expect_text', value: 'x' }], FAST);
    expect(result.steps).toEqual([
      {
        action: 'click',
        ok: false,
        detail: "clicked 'Boom', then the page threw 'TypeError: Cannot read properties of undefined (reading 'map')'",
      },
    ]);
    expect(result.errors).toEqual([
      { message: "TypeError: Cannot read properties of undefined (reading 'map')\n    at App.tsx:4", source: 'App.tsx:4:3' },
    ]);
  });

  it('console errors are reported but do not fail a step', async () => {
    const p = page('<button>Warn</button>');
    p.document.querySelector('button')!.addEventListener('click', () => p.runner.noteError('console-error', 'Warning: key prop'));
    const result = await p.runner.run([{ action: 'click', target: 'Warn' }], FAST);
    expect(result.passed).toBe(true);
    expect(result.errors).toEqual([{ message: 'Warning: key prop' }]);
  });

  it('errors outside a run are not charged to the next one', async () => {
    const p = page('<p>x</p>');
    p.runner.noteError('exception', 'old');
    const result = await p.runner.run([{ action: 'expect_text', value: 'x' }], FAST);
    expect(result).toEqual({ passed: true, steps: [{ action: 'expect_text', ok: true, detail: "saw 'x'" }], text: 'x', errors: [] });
  });
});

describe('visible text', () => {
  it('leaves out hidden elements, scripts and styles, one line per block', async () => {
    const p = page(
      '<style>.x{}</style><h1>Title</h1><div hidden>secret</div><p style="visibility:hidden">ghost</p><p>Count: <b>2</b></p><script>var a = 1</script><input type="submit" value="Send">',
    );
    expect(p.runner.pageText()).toBe('Title\nCount: 2\nSend');
  });
});
