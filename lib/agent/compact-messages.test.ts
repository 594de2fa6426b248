import { convertToModelMessages, type UIMessage } from 'ai';
import { describe, expect, it } from 'vitest';
import { compactMessagesForModel, compactOlderTurns } from './compact-messages';
import { buildSystemPrompt } from './system-prompt';
import { projectFiles, projectHistory } from './test-support/project-history';

describe('compactMessagesForModel', () => {
  it('sends an edit turn on a 40-file project under 25% of the project characters', async () => {
    const files = projectFiles();
    const projectChars = Object.values(files).reduce((sum, content) => sum + content.length, 0);
    const history = projectHistory(files);

    const system = buildSystemPrompt({ mode: 'build', fileList: Object.keys(files).sort(), runtime: 'local' });
    const compacted = await convertToModelMessages(compactMessagesForModel(history));
    const sentChars = system.length + JSON.stringify(compacted).length;
    expect(sentChars / projectChars).toBeLessThan(0.25);
    console.info(`edit turn sends ${sentChars} of ${projectChars} project characters (${((100 * sentChars) / projectChars).toFixed(1)}%)`);

    // Without compaction the same request carries the whole project, so the measure can fail.
    const uncompacted = system.length + JSON.stringify(await convertToModelMessages(history)).length;
    expect(uncompacted).toBeGreaterThan(projectChars);
  });

  it('keeps the last user turn intact and leaves the input array alone', () => {
    const files = projectFiles();
    const history = projectHistory(files);
    const before = JSON.stringify(history);
    const compacted = compactMessagesForModel(history);
    expect(JSON.stringify(history)).toBe(before);
    expect(compacted.slice(2)).toEqual(history.slice(2));
    expect(compacted[0]).toBe(history[0]);
  });

  it('replaces older write_file bodies with a placeholder and shortens long outputs', () => {
    const history = projectHistory(projectFiles());
    const [, oldAssistant] = compactMessagesForModel(history);
    const write = oldAssistant.parts.find((part) => part.type === 'tool-write_file') as { input: { path: string; content: string } };
    expect(write.input).toEqual({ path: 'src/App.tsx', content: '[content omitted: 54 lines written]' });
    const install = oldAssistant.parts.find(
      (part) => part.type === 'tool-run_command' && (part as { toolCallId: string }).toolCallId === 'r1',
    ) as { output: { output: string; exit_code: number } };
    expect(install.output.exit_code).toBe(0);
    expect(install.output.output.length).toBeLessThan(700);
    expect(install.output.output).toMatch(/…\[\d+ characters omitted from an earlier turn\]/);
    expect(install.output.output.endsWith('pkg-199 12ms')).toBe(true);
  });

  it('shortens old errors and turns never-run calls into errors so every call has a result', async () => {
    const history: UIMessage[] = [
      { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'go' }] },
      {
        id: 'a1',
        role: 'assistant',
        parts: [
          { type: 'step-start' },
          { type: 'tool-run_command', toolCallId: 'x1', state: 'output-error', input: { command: 'npm run build' }, errorText: 'e'.repeat(5000) },
          { type: 'tool-write_file', toolCallId: 'x2', state: 'input-available', input: { path: 'a.ts', content: 'a\nb' } },
          { type: 'dynamic-tool', toolName: 'write_file', toolCallId: 'x3', state: 'input-streaming', input: { path: 'b.ts', content: 'half' } },
        ],
      },
      { id: 'u2', role: 'user', parts: [{ type: 'text', text: 'again' }] },
    ];
    const compacted = compactMessagesForModel(history);
    const parts = compacted[1].parts as { state?: string; errorText?: string; input?: unknown }[];
    expect(parts[1].errorText?.length).toBeLessThan(700);
    expect(parts[2]).toMatchObject({ state: 'output-error', errorText: expect.stringContaining('stopped') });
    expect(parts[2].input).toEqual({ path: 'a.ts', content: '[content omitted: 2 lines written]' });

    const model = await convertToModelMessages(compacted);
    const contents = model.flatMap((m) => (Array.isArray(m.content) ? (m.content as { type: string; toolCallId?: string }[]) : []));
    const ids = (type: string) => contents.filter((c) => c.type === type).map((c) => c.toolCallId).sort();
    expect(ids('tool-call')).toEqual(['x1', 'x2']);
    expect(ids('tool-result')).toEqual(ids('tool-call'));
  });

  it('returns a copy when there is no earlier turn', () => {
    const history: UIMessage[] = [{ id: 'u1', role: 'user', parts: [{ type: 'text', text: 'hi' }] }];
    const result = compactMessagesForModel(history);
    expect(result).toEqual(history);
    expect(result).not.toBe(history);
  });
});

/** Every kind of older part compaction touches, then the new request. */
function historyOfEveryKind(): UIMessage[] {
  const history = projectHistory(projectFiles());
  history.splice(2, 0, {
    id: 'a-extra',
    role: 'assistant',
    parts: [
      { type: 'tool-list_files', toolCallId: 'l1', state: 'output-available', input: {}, output: { files: Array.from({ length: 120 }, (_, i) => `f${i}.ts`) } },
      { type: 'tool-edit_file', toolCallId: 'e1', state: 'output-available', input: { path: 'a.ts', edits: [{ old_text: 'x'.repeat(2000), new_text: 'y' }] }, output: { ok: true, applied: 1 } },
      { type: 'tool-run_command', toolCallId: 'x1', state: 'output-error', input: { command: 'npm run build' }, errorText: 'e'.repeat(5000) },
      { type: 'tool-write_file', toolCallId: 'x2', state: 'input-available', input: { path: 'b.ts', content: 'one line' } },
      { type: 'dynamic-tool', toolName: 'write_file', toolCallId: 'x3', state: 'input-streaming', input: { path: 'c.ts', content: 'half' }, rawInput: '{"path":"c.ts","content":"half' },
      { type: 'tool-write_file', toolCallId: 'x4', state: 'output-error', input: undefined, rawInput: { path: 7, content: 'z\n'.repeat(10_000) }, errorText: 'Invalid input' },
      { type: 'tool-list_files', toolCallId: 'l50', state: 'output-available', input: {}, output: { files: Array.from({ length: 50 }, (_, i) => `g${i}.ts`) } },
      { type: 'tool-list_files', toolCallId: 'l51', state: 'output-available', input: {}, output: { files: Array.from({ length: 51 }, (_, i) => `h${i}.ts`) } },
    ],
  } as UIMessage, {
    id: 'u-image',
    role: 'user',
    parts: [{ type: 'file', mediaType: 'image/png', url: `data:image/png;base64,${'A'.repeat(50_000)}`, filename: 'sketch.png' }, { type: 'text', text: 'like this' }],
  });
  return history;
}

describe('compactOlderTurns (what the browser sends)', () => {
  it('leaves the server nothing to change: its compaction of what the browser sends equals that of the whole history', () => {
    const history = historyOfEveryKind();
    const sent = compactOlderTurns(history);
    expect(JSON.stringify(sent).length).toBeLessThan(JSON.stringify(history).length / 4);
    expect(compactMessagesForModel(sent)).toEqual(compactMessagesForModel(history));
    // What the server receives is the upload parsed again: a second pass hands back those very objects.
    const received = JSON.parse(JSON.stringify(sent)) as UIMessage[];
    const again = compactOlderTurns(received);
    expect(again).toEqual(received);
    again.forEach((message, i) => expect(message).toBe(received[i]));
  });

  it('shortens what older turns carry and sends the current turn as it is', () => {
    const history = historyOfEveryKind();
    const sent = compactOlderTurns(history);
    const lastUser = history.findLastIndex((m) => m.role === 'user');
    expect(sent.slice(lastUser)).toEqual(history.slice(lastUser));
    type Shortened = { input?: { edits?: { old_text: string }[] }; output?: { files?: string[] }; rawInput?: unknown };
    const extra = sent.find((m) => m.id === 'a-extra')!.parts as Shortened[];
    expect(extra[0].output?.files).toHaveLength(50);
    expect(extra[0].output?.files?.at(-1)).toBe('…and 71 more');
    expect(extra[1].input?.edits?.[0].old_text.length).toBeLessThan(700);
    expect(extra[4]).not.toHaveProperty('rawInput');
    expect(extra[5].rawInput).toEqual({ path: 7, content: '[content omitted: 10000 lines written]' });
    expect(extra[6].output?.files).toEqual(Array.from({ length: 50 }, (_, i) => `g${i}.ts`));
    expect(extra[7].output?.files).toHaveLength(50);
    expect(extra[7].output?.files?.slice(-2)).toEqual(['h48.ts', '…and 2 more']);
    expect(sent.find((m) => m.id === 'u-image')!.parts[0]).toEqual({
      type: 'text',
      text: '[An image (sketch.png) was attached here and shown to you in that turn.]',
    });
  });

  it('returns the very objects of turns that need no shortening', () => {
    const history: UIMessage[] = [
      { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'go' }] },
      { id: 'a1', role: 'assistant', parts: [{ type: 'tool-read_file', toolCallId: 'r1', state: 'output-available', input: { path: 'a.ts' }, output: { content: 'short', total_lines: 1 } }] },
      { id: 'u2', role: 'user', parts: [{ type: 'text', text: 'again' }] },
    ];
    const sent = compactOlderTurns(history);
    sent.forEach((message, i) => expect(message).toBe(history[i]));
  });
});
