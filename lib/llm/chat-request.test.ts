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

  it('accepts every part the chat sends, and tool calls still streaming whatever their fields', () => {
    const messages = [
      message,
      {
        id: 'a1',
        role: 'assistant',
        metadata: { modelId: 'x:y' },
        parts: [
          { type: 'step-start' },
          { type: 'reasoning', text: 'thinking', state: 'done' },
          { type: 'text', text: 'ok', state: 'done', providerMetadata: { openai: { itemId: 'i1' } } },
          { type: 'tool-write_file', toolCallId: 'c1', state: 'output-available', input: { path: 'a' }, output: { ok: true } },
          { type: 'tool-run_command', toolCallId: 'c2', state: 'output-error', input: { command: 'x' }, errorText: 'failed' },
          { type: 'tool-write_file', state: 'input-streaming' },
          { type: 'data-interrupted-tool', data: { toolName: 'write_file' } },
        ],
      },
      { id: 'u2', role: 'user', parts: [{ type: 'file', mediaType: 'image/png', url: 'data:image/png;base64,AA==', filename: 'a.png' }] },
    ];
    const parsed = parseChatRequest({ messages, modelId: 'x:y' });
    expect(parsed.ok && parsed.value.messages).toBe(messages);
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
    [{ messages: [{ ...message, parts: [{ type: 'text', text: 42 }] }], modelId: 'a:b' }, 'messages[0].parts[0].text: a text part needs a string text'],
    [{ messages: [{ ...message, parts: ['hi'] }], modelId: 'a:b' }, 'messages[0].parts[0]: each message part must be an object'],
    [{ messages: [{ ...message, parts: [{ text: 'hi' }] }], modelId: 'a:b' }, 'messages[0].parts[0].type: each message part needs a type'],
    [
      { messages: [{ ...message, parts: [{ type: 'file', mediaType: 'image/png' }] }], modelId: 'a:b' },
      'messages[0].parts[0].url: a file part needs a string url',
    ],
    [
      { messages: [{ ...message, parts: [{ type: 'text', text: 'hi', providerMetadata: { openai: 'x' } }] }], modelId: 'a:b' },
      'messages[0].parts[0].providerMetadata: provider metadata must map each provider name to an object',
    ],
    [
      { messages: [message, { id: 'a', role: 'assistant', parts: [{ type: 'dynamic-tool', toolCallId: 'c', state: 'output-available' }] }], modelId: 'a:b' },
      'messages[1].parts[0].toolName: a dynamic tool part needs a string toolName',
    ],
    [
      {
        messages: [{ id: 'a', role: 'assistant', parts: [{ type: 'tool-x', toolCallId: 'c', state: 'output-error', approval: { approved: true } }] }],
        modelId: 'a:b',
      },
      'messages[0].parts[0].approval: an approval needs a string id',
    ],
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
