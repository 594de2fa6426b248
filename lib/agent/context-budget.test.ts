import type { UIMessage } from 'ai';
import { describe, expect, it } from 'vitest';
import { compactMessagesForModel, CONTEXT_TOKEN_BUDGET, estimateTokens } from './compact-messages';
import { buildSystemPrompt } from './system-prompt';
import { longTurnOnLargeProject } from './test-support/long-turn';

describe('context budget', () => {
  it('keeps step 40 of a long turn on a 200-file project under the token budget', () => {
    const { fileList, messages } = longTurnOnLargeProject({ files: 200, steps: 40 });
    const raw = estimateTokens(messages);
    expect(raw).toBeGreaterThan(CONTEXT_TOKEN_BUDGET);
    const system = buildSystemPrompt({ mode: 'build', fileList, runtime: 'local' });
    const sent = compactMessagesForModel(messages);
    expect(estimateTokens(system) + estimateTokens(sent)).toBeLessThan(CONTEXT_TOKEN_BUDGET);
    // The latest tool calls and the request itself reach the model unshortened.
    const lastAssistant = sent.at(-1)!;
    const original = messages.at(-1)!;
    expect(lastAssistant.parts.slice(-6)).toEqual(original.parts.slice(-6));
    expect(sent.find((m) => m.role === 'user')).toEqual(messages.find((m) => m.role === 'user'));
  });

  it('leaves a turn that fits as it is', () => {
    const { messages } = longTurnOnLargeProject({ files: 20, steps: 3 });
    expect(compactMessagesForModel(messages)).toEqual(messages);
  });

  it('sends an image with its turn and a note in its place afterwards', () => {
    const image: UIMessage = {
      id: 'u1',
      role: 'user',
      parts: [
        { type: 'file', mediaType: 'image/png', url: `data:image/png;base64,${'A'.repeat(200_000)}`, filename: 'sketch.png' },
        { type: 'text', text: 'Make it look like this' },
      ],
    };
    const reply: UIMessage = { id: 'a1', role: 'assistant', parts: [{ type: 'text', text: 'Done.' }] };
    expect(compactMessagesForModel([image])[0]).toEqual(image);
    const later = compactMessagesForModel([image, reply, { id: 'u2', role: 'user', parts: [{ type: 'text', text: 'Bigger title' }] }]);
    expect(later[0].parts).toEqual([
      { type: 'text', text: '[An image (sketch.png) was attached here and shown to you in that turn.]' },
      { type: 'text', text: 'Make it look like this' },
    ]);
  });
});
