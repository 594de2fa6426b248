import type { UIMessage } from 'ai';
import { describe, expect, it } from 'vitest';
import { compactMessagesForModel } from '@/lib/agent/compact-messages';
import { projectFiles, projectHistory } from '@/lib/agent/test-support/project-history';
import { chatRequestBody } from './chat-request-body';

const base = { body: { id: 'chat-1' }, modelId: 'openai:gpt-5', mode: 'build' as const, keys: undefined, fileList: ['src/App.tsx'], runtime: 'local' };

describe('chatRequestBody', () => {
  it('uploads older turns shortened and the current turn whole, leaving the chat its full history', () => {
    const history = projectHistory(projectFiles());
    const before = JSON.stringify(history);
    const sent = chatRequestBody({ ...base, messages: history });
    const { messages } = sent;

    expect(JSON.stringify(history)).toBe(before);
    expect(JSON.stringify(sent).length).toBeLessThan(before.length / 4);
    const write = messages[1].parts.find((part) => part.type === 'tool-write_file') as { input: { content: string } };
    expect(write.input.content).toBe('[content omitted: 54 lines written]');
    const lastUser = history.findLastIndex((m) => m.role === 'user');
    expect(messages.slice(lastUser)).toEqual(history.slice(lastUser));
    // The model sees the same conversation as when the whole history was uploaded.
    expect(compactMessagesForModel(messages)).toEqual(compactMessagesForModel(history));
  });

  it('carries the transport body, the choices of this turn and keys only when there are some', () => {
    const messages: UIMessage[] = [{ id: 'u1', role: 'user', parts: [{ type: 'text', text: 'hi' }] }];
    const withoutKeys = chatRequestBody({ ...base, messages });
    expect(withoutKeys).not.toHaveProperty('keys');
    expect(withoutKeys).toEqual({
      id: 'chat-1',
      messages,
      modelId: 'openai:gpt-5',
      mode: 'build',
      fileList: ['src/App.tsx'],
      runtime: 'local',
    });
    const withKeys = chatRequestBody({ ...base, messages, mode: 'discuss', keys: { anthropic: 'sk-ant' } });
    expect(withKeys).toMatchObject({ mode: 'discuss', keys: { anthropic: 'sk-ant' } });
  });
});
