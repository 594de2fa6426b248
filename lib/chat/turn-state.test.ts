import { describe, expect, it } from 'vitest';
import type { ChatMessage } from './chat-message';
import {
  STOPPED_TOOL_TEXT,
  foldStepUsage,
  formatUsage,
  markLastTurnStopped,
  planRetry,
  settleInterruptedTools,
  streamingToolPaths,
  turnUsageOf,
} from './turn-state';

const user: ChatMessage = { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Build a counter' }] };

function assistant(parts: ChatMessage['parts'], metadata?: ChatMessage['metadata']): ChatMessage {
  return { id: 'a1', role: 'assistant', parts, metadata };
}

const writeDone = {
  type: 'tool-write_file',
  toolCallId: 'c1',
  state: 'output-available',
  input: { path: 'a.txt', content: 'a' },
  output: { ok: true, bytes: 1 },
} as ChatMessage['parts'][number];

const writeStreaming = {
  type: 'tool-write_file',
  toolCallId: 'c2',
  state: 'input-streaming',
  input: { path: 'big.js', content: 'const x' },
} as ChatMessage['parts'][number];

const commandRunning = {
  type: 'tool-run_command',
  toolCallId: 'c3',
  state: 'input-available',
  input: { command: 'npm install' },
} as ChatMessage['parts'][number];

describe('settleInterruptedTools', () => {
  it('turns a half-streamed call into display-only data and a call without result into an error', () => {
    const [, settled] = settleInterruptedTools([user, assistant([{ type: 'step-start' }, writeDone, writeStreaming, commandRunning])]);
    expect(settled.parts[1]).toBe(writeDone);
    expect(settled.parts[2]).toEqual({ type: 'data-interrupted-tool', data: { toolName: 'write_file', path: 'big.js' } });
    expect(settled.parts[3]).toMatchObject({ state: 'output-error', toolCallId: 'c3' });
  });

  it('returns the same array when nothing is unfinished', () => {
    const messages = [user, assistant([writeDone])];
    expect(settleInterruptedTools(messages)).toBe(messages);
  });
});

describe('markLastTurnStopped', () => {
  it('marks the last assistant message stopped and settles its tools with the stop text', () => {
    const [, stopped] = markLastTurnStopped([user, assistant([writeDone, commandRunning])]);
    expect(stopped.metadata?.stopped).toBe(true);
    expect(stopped.parts[1]).toMatchObject({ state: 'output-error', errorText: STOPPED_TOOL_TEXT });
    expect(stopped.parts[0]).toBe(writeDone);
  });

  it('leaves a conversation ending in a user message alone', () => {
    expect(markLastTurnStopped([user])).toEqual([user]);
  });
});

describe('streamingToolPaths', () => {
  it('lists paths of tool inputs still streaming', () => {
    expect(streamingToolPaths(assistant([writeDone, writeStreaming]))).toEqual(['big.js']);
    expect(streamingToolPaths(user)).toEqual([]);
  });
});

describe('usage', () => {
  it('sums every step of a turn and does not count a step twice', () => {
    let message = assistant([], { usage: { inputTokens: 1000, outputTokens: 100 } });
    message = foldStepUsage(message);
    message = foldStepUsage(message);
    expect(turnUsageOf(message)).toEqual({ inputTokens: 1000, outputTokens: 100 });
    message = foldStepUsage({ ...message, metadata: { ...message.metadata, usage: { inputTokens: 234, outputTokens: 240 } } });
    expect(turnUsageOf(message)).toEqual({ inputTokens: 1234, outputTokens: 340 });
  });

  it('includes a step not folded yet', () => {
    const message = assistant([], { turnUsage: { inputTokens: 10, outputTokens: 1 }, usage: { inputTokens: 5, outputTokens: 2 } });
    expect(turnUsageOf(message)).toEqual({ inputTokens: 15, outputTokens: 3 });
    expect(turnUsageOf(assistant([]))).toBeNull();
  });

  it('formats compactly', () => {
    expect(formatUsage({ inputTokens: 1234, outputTokens: 340 })).toBe('1.2k in · 340 out');
    expect(formatUsage({ inputTokens: 45_600, outputTokens: 2000 })).toBe('46k in · 2k out');
    expect(formatUsage({})).toBe('0 in · 0 out');
  });
});

describe('planRetry', () => {
  it('regenerates when the request failed before any reply', () => {
    expect(planRetry([user])).toEqual({ action: 'regenerate', messages: [user] });
  });

  it('drops a failed first step and regenerates from the user message', () => {
    const plan = planRetry([user, assistant([{ type: 'step-start' }, { type: 'text', text: 'Sure, I', state: 'streaming' }])]);
    expect(plan).toEqual({ action: 'regenerate', messages: [user] });
  });

  it('keeps finished tool calls of earlier steps and continues', () => {
    const failed = assistant([
      { type: 'step-start' },
      writeDone,
      { type: 'step-start' },
      { type: 'text', text: 'Now I', state: 'streaming' },
      writeStreaming,
    ]);
    const plan = planRetry([user, failed]);
    expect(plan?.action).toBe('continue');
    expect(plan?.messages[1].parts).toEqual([{ type: 'step-start' }, writeDone]);
  });

  it('continues after a complete step when the next request failed at once', () => {
    const complete = assistant([{ type: 'step-start' }, writeDone]);
    const plan = planRetry([user, complete]);
    expect(plan).toEqual({ action: 'continue', messages: [user, complete] });
  });

  it('keeps finished calls of the failed step and settles the unfinished ones', () => {
    const plan = planRetry([user, assistant([{ type: 'step-start' }, writeDone, commandRunning, writeStreaming])]);
    expect(plan?.action).toBe('continue');
    expect(plan?.messages[1].parts).toEqual([{ type: 'step-start' }, writeDone]);
  });
});
