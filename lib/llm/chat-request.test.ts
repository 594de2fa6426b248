import { describe, expect, it } from 'vitest';
import { parseChatRequest } from './chat-request';
import { modelsRequestSchema } from './models-request';

const message = { id: 'm1', role: 'user', parts: [{ type: 'text', text: 'hi' }] };

describe('parseChatRequest', () => {
  it('fills in build mode and an empty file list', () => {
    const parsed = parseChatRequest({ messages: [message], modelId: 'demo:offline' });
    expect(parsed).toEqual({
      ok: true,
      value: { messages: [message], modelId: 'demo:offline', mode: 'build', fileList: [], runtime: undefined, keys: undefined },
    });
  });

  it('keeps only the known keys', () => {
    const parsed = parseChatRequest({ messages: [message], modelId: 'x:y', keys: { openai: 'sk-1', other: 'nope' } });
    expect(parsed.ok && parsed.value.keys).toEqual({ openai: 'sk-1' });
  });

  it.each([
    [null, 'The request body must be a JSON object.'],
    [[message], 'The request body must be a JSON object.'],
    [{ messages: [{ ...message, parts: 'text' }], modelId: 'a:b' }, 'messages[0].parts: each message needs a parts array'],
    [{ messages: [{ ...message, role: 'tool' }], modelId: 'a:b' }, 'messages[0].role: each message role must be system, user or assistant'],
    [{ messages: [message], modelId: 'a:b', fileList: 'src' }, 'fileList: fileList must be an array of paths'],
    [{ messages: [message], modelId: 'a:b', keys: { openai: 5 } }, 'keys.openai: Invalid input: expected string, received number'],
  ])('rejects %j', (body, error) => {
    expect(parseChatRequest(body)).toEqual({ ok: false, error });
  });
});

describe('modelsRequestSchema', () => {
  it('accepts an empty body and keys', () => {
    expect(modelsRequestSchema.safeParse({}).success).toBe(true);
    expect(modelsRequestSchema.parse({ keys: { google: 'g' } })).toEqual({ keys: { google: 'g' } });
    expect(modelsRequestSchema.safeParse({ keys: 'k' }).success).toBe(false);
  });
});
