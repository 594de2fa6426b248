import { describe, expect, it } from 'vitest';
import { streamText, type ModelMessage } from 'ai';
import type { LanguageModelV3Prompt } from '@ai-sdk/provider';
import { DemoLanguageModel } from './demo-model';
import { DEMO_CANNOT_BUILD, DEMO_CANNOT_CHANGE, DEMO_DISCLAIMER, planDemoStep } from './demo-plan';
import { matchStarterApp, starterApps } from './pick-starter';
import { starterIdeaName, starterIdeas } from './starter-ideas';

function user(text: string): LanguageModelV3Prompt[number] {
  return { role: 'user', content: [{ type: 'text', text }] };
}

/** The prompt after `n` completed steps, each with a successful result. */
function afterSteps(request: string, results: unknown[], toolNames: string[] = []): LanguageModelV3Prompt {
  const prompt: LanguageModelV3Prompt = [{ role: 'system', content: 'sys' }, user(request)];
  results.forEach((value, i) => {
    const toolName = toolNames[i] ?? 't';
    prompt.push({ role: 'assistant', content: [{ type: 'tool-call', toolCallId: `c${i}`, toolName, input: {} }] });
    prompt.push({
      role: 'tool',
      content: [{ type: 'tool-result', toolCallId: `c${i}`, toolName, output: { type: 'json', value: value as never } }],
    });
  });
  return prompt;
}

describe('matchStarterApp', () => {
  it.each([
    ['Build a counter app', 'counter'],
    ['I want to count my push-ups', 'counter'],
    ['make me a guess the number game', 'guess'],
    ['a little game please', 'guess'],
    ['a todo list for groceries', 'todo'],
    ['track my tasks', 'todo'],
    ['a game with a counter', 'guess'],
    ['A snake game', 'snake'],
    ['split the bill with a tip calculator', 'tip'],
    ['a 25 minute focus timer', 'pomodoro'],
    ['show me famous quotes', 'quote'],
    ['a weather dashboard', null],
  ])('%s → %s', (text, id) => {
    expect(matchStarterApp(text)).toBe(id);
  });
});

describe('planDemoStep', () => {
  it('walks the whole script: every file, install, dev server in the background, preview check, a check of the app, summary', () => {
    const app = starterApps.counter;
    const steps = [];
    const results: unknown[] = [];
    const toolNames: string[] = [];
    for (;;) {
      const step = planDemoStep(afterSteps('Build a counter app', results, toolNames));
      steps.push(step);
      if (!step.toolCall) break;
      toolNames.push(step.toolCall.toolName);
      results.push(
        step.toolCall.toolName === 'check_preview'
          ? { status: 'ready', url: 'http://x', errors: [] }
          : step.toolCall.toolName === 'test_preview'
            ? { passed: true, steps: [{ action: 'click', ok: true, detail: "clicked 'Increase'" }, { action: 'expect_text', ok: true, detail: "saw 'Click to count.'" }], text: '', errors: [] }
            : step.toolCall.toolName === 'run_command'
              ? { exit_code: 0, output: '', duration_ms: 5, timed_out: false }
              : { ok: true, bytes: 10 },
      );
    }
    const calls = steps.flatMap((s) => (s.toolCall ? [s.toolCall] : []));
    expect(calls.map((c) => (c.toolName === 'write_file' ? `write ${c.input.path}` : c.toolName))).toEqual([
      ...app.files.map((f) => `write ${f.path}`),
      'run_command',
      'run_command',
      'check_preview',
      'test_preview',
    ]);
    expect(calls[app.files.length].input).toEqual({ command: 'npm install' });
    expect(calls[app.files.length + 1].input).toEqual({ command: 'npm run dev', background: true });
    expect(calls.at(-1)?.input).toEqual({ steps: app.check });
    expect(steps[0].text).toMatch(/counter/);
    expect(steps.at(-1)?.text).toContain("I tried it there: clicked 'Increase', saw 'Click to count.'.");
    expect(steps.at(-1)?.text).toContain(DEMO_DISCLAIMER);
  });

  it('says plainly when its check of the app failed, instead of saying it works', () => {
    const app = starterApps.tip;
    const results: unknown[] = [
      ...app.files.map(() => ({ ok: true, bytes: 1 })),
      { exit_code: 0, output: '', duration_ms: 5, timed_out: false },
      { started: true, ports: [3000], output: '' },
      { status: 'ready', url: 'http://x', errors: [] },
      { passed: false, steps: [{ action: 'expect_text', ok: false, detail: "expected '120.00', the page shows '0.00'" }], text: '', errors: [] },
    ];
    const toolNames = [...app.files.map(() => 'write_file'), 'run_command', 'run_command', 'check_preview', 'test_preview'];
    const step = planDemoStep(afterSteps('a tip calculator', results, toolNames));
    expect(step.toolCall).toBeUndefined();
    expect(step.text).toContain("Something went wrong while trying the app in the preview: the check failed: expected '120.00', the page shows '0.00'");
    expect(step.text).not.toContain('is running in the preview');
  });

  it('builds nothing when the words name no starter app, and says so in one sentence with the way to a model', () => {
    const step = planDemoStep(afterSteps('a weather dashboard', []));
    expect(step.toolCall).toBeUndefined();
    expect(step.text).toBe(DEMO_CANNOT_BUILD);
    expect(step.text).toMatch(/Settings/);
    expect(step.text?.split(/[.!?](\s|$)/).filter((s) => s && s.trim()).length).toBe(1);
  });

  it('says honestly when a step failed instead of carrying on', () => {
    const files = starterApps.todo.files.map(() => ({ ok: true, bytes: 1 }));
    const failedInstall = { exit_code: 1, output: 'npm ERR! network', duration_ms: 5, timed_out: false };
    const step = planDemoStep(afterSteps('todo', [...files, failedInstall]));
    expect(step.toolCall).toBeUndefined();
    expect(step.text).toMatch(/Something went wrong while running `npm install`: the command exited with code 1/);
    expect(step.text).toContain('npm ERR! network');

    const brokenPreview = planDemoStep(
      afterSteps('todo', [...files, { exit_code: 0 }, { started: true, output: '', ports: [5173] }, { status: 'error', url: null, errors: [{ message: 'ReferenceError: x' }] }]),
    );
    expect(brokenPreview.text).toMatch(/the preview shows errors: ReferenceError: x/);
  });

  it('treats a tool error result as a failure', () => {
    const prompt = afterSteps('todo', []);
    prompt.push({ role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'e', toolName: 'write_file', input: {} }] });
    prompt.push({
      role: 'tool',
      content: [{ type: 'tool-result', toolCallId: 'e', toolName: 'write_file', output: { type: 'error-text', value: 'disk full' } }],
    });
    expect(planDemoStep(prompt).text).toMatch(/writing package.json: disk full/);
  });

  it.each(['Make the plus button red', 'make it a todo list instead', 'A snake game'])(
    'changes nothing in a later turn (%s): no tool call, one sentence pointing to Settings',
    (request) => {
      const prompt: LanguageModelV3Prompt = [user('A counter with + and − buttons'), { role: 'assistant', content: [{ type: 'text', text: 'done' }] }, user(request)];
      const step = planDemoStep(prompt);
      expect(step.toolCall).toBeUndefined();
      expect(step.text).toBe(DEMO_CANNOT_CHANGE);
      expect(step.text?.split(/[.!?](\s|$)/).filter((s) => s && s.trim()).length).toBe(1);
    },
  );
});

describe('starter ideas', () => {
  it.each(starterIdeas.map((idea) => [idea.idea, idea] as const))('"%s" builds its own app and names the project after it', (text, idea) => {
    expect(matchStarterApp(text)).toBe(idea.id);
    const app = starterApps[idea.id];
    const page = app.files.find((f) => f.path === 'index.html')?.content ?? '';
    expect(page).toContain(`<h1>`);
    expect(starterIdeaName(text)).toBe(idea.name);
    const first = planDemoStep(afterSteps(text, []));
    expect(first.text).toContain(app.title);
    expect(first.toolCall?.input.path).toBe('package.json');
  });

  it('every starter app has an idea on the home page', () => {
    expect(new Set(starterIdeas.map((idea) => idea.id))).toEqual(new Set(Object.keys(starterApps)));
  });

  it('names only the ideas as offered, not free text', () => {
    expect(starterIdeaName('  a snake game ')).toBe('Snake game');
    expect(starterIdeaName('a snake game with walls')).toBeNull();
  });
});

describe('DemoLanguageModel', () => {
  it('streams text and a tool call for the step, in pieces, through streamText', async () => {
    const messages: ModelMessage[] = [{ role: 'user', content: 'guess the number game' }];
    const result = streamText({ model: new DemoLanguageModel({ delayMs: 0, chunkSize: 50 }), messages });
    const parts = [];
    for await (const part of result.fullStream) parts.push(part);
    expect(parts.filter((p) => p.type === 'text-delta').map((p) => p.text).join('')).toMatch(/guess-the-number game/);
    expect(parts.filter((p) => p.type === 'tool-input-delta').length).toBeGreaterThan(1);
    const call = parts.find((p) => p.type === 'tool-call');
    expect(call).toMatchObject({ toolName: 'write_file', input: { path: 'package.json' } });
    expect(parts.find((p) => p.type === 'finish')).toMatchObject({ finishReason: 'tool-calls' });
  });

  it('streams the next step once a tool result is in the conversation', async () => {
    const messages: ModelMessage[] = [
      { role: 'user', content: 'counter' },
      { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'write_file', input: { path: 'package.json' } }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', toolName: 'write_file', output: { type: 'json', value: { ok: true, bytes: 3 } } }] },
    ];
    const result = streamText({ model: new DemoLanguageModel({ delayMs: 0 }), messages });
    const calls = (await result.toolCalls).map((c) => c.input);
    expect(calls).toEqual([{ path: 'server.mjs', content: starterApps.counter.files[1].content }]);
  });

  it('ends with a plain text answer and a stop', async () => {
    const messages: ModelMessage[] = [{ role: 'assistant', content: 'hi' }, { role: 'user', content: 'make it blue' }];
    const result = streamText({ model: new DemoLanguageModel({ delayMs: 0 }), messages });
    expect(await result.text).toBe(DEMO_CANNOT_CHANGE);
    expect(await result.finishReason).toBe('stop');
  });
});
