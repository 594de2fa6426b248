import { describe, expect, it } from 'vitest';
import { APICallError, InvalidToolInputError, NoSuchToolError, RetryError } from 'ai';
import { classifyChatError, describeChatError, retryAfterSeconds } from './errors';

const ctx = { providerLabel: 'OpenAI' };

function apiError(statusCode: number | undefined, extra: Partial<ConstructorParameters<typeof APICallError>[0]> = {}) {
  return new APICallError({
    message: 'boom',
    url: 'https://api.example.com/v1/chat/completions',
    requestBodyValues: {},
    statusCode,
    ...extra,
  });
}

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('describeChatError', () => {
  it('names the provider when the key is rejected', () => {
    expect(describeChatError(apiError(401), ctx)).toBe(
      'OpenAI rejected the API key (HTTP 401). Check the key in Settings, then try again.',
    );
    expect(classifyChatError(apiError(403)).kind).toBe('key-rejected');
  });

  it('says when to retry after a rate limit, from retry-after', () => {
    const error = apiError(429, { responseHeaders: { 'retry-after': '20' } });
    expect(describeChatError(error, ctx)).toBe('OpenAI is rate limiting requests right now. Try again in 20 seconds.');
    expect(describeChatError(apiError(429), ctx)).toMatch(/Wait a minute/);
  });

  it('unwraps retries to the last error', () => {
    const retry = new RetryError({ message: 'gave up', reason: 'maxRetriesExceeded', errors: [apiError(500), apiError(429)] });
    expect(classifyChatError(retry).kind).toBe('rate-limited');
  });

  it('maps 404 to model not found and context errors to context too long', () => {
    expect(describeChatError(apiError(404), ctx)).toMatch(/does not know this model/);
    const tooLong = apiError(400, { responseBody: '{"error":{"code":"context_length_exceeded"}}' });
    expect(describeChatError(tooLong, ctx)).toMatch(/conversation is too long/);
    expect(classifyChatError(new Error('prompt is too long: 210000 tokens > 200000 maximum')).kind).toBe('context-too-long');
  });

  it('says which address could not be reached', () => {
    const refused = apiError(undefined, {
      message: 'Cannot connect to API: connect ECONNREFUSED',
      cause: Object.assign(new TypeError('fetch failed'), { cause: withCode('connect ECONNREFUSED 127.0.0.1:11434', 'ECONNREFUSED') }),
      url: 'http://127.0.0.1:11434/v1/chat/completions',
    });
    expect(describeChatError(refused, { providerLabel: 'Ollama' })).toBe(
      'Could not reach Ollama at http://127.0.0.1:11434. Check that it is running and the address is right, then try again.',
    );
    // A hosted service is not "running" somewhere of the person's: their connection is what to check.
    const cloudDown = apiError(undefined, { message: 'Cannot connect to API', url: 'https://api.openai.com/v1/chat/completions' });
    expect(describeChatError(cloudDown, { providerLabel: 'OpenAI', cloud: true })).toBe(
      'Could not reach OpenAI. Check your internet connection; if it works, OpenAI may be down for a moment, so try again shortly.',
    );
    expect(describeChatError(refused, { providerLabel: 'Ollama', baseUrl: 'http://box:11434' })).toMatch(/at http:\/\/box:11434\./);
    const bare = Object.assign(new TypeError('fetch failed'), { cause: withCode('getaddrinfo', 'ENOTFOUND') });
    expect(classifyChatError(bare).kind).toBe('unreachable');
  });

  it('explains a cut stream', () => {
    const cut = apiError(200, {
      message: 'Failed to process successful response',
      cause: Object.assign(new TypeError('terminated'), { cause: withCode('other side closed', 'UND_ERR_SOCKET') }),
    });
    expect(describeChatError(cut, ctx)).toMatch(/^The model's response was cut off/);
    expect(classifyChatError(new Error('Response stream ended without a finish reason.')).kind).toBe('stream-cut');
  });

  it('tells the model how to recover from invalid tool input and unknown tools, as errors or as flattened strings', () => {
    const invalid = new InvalidToolInputError({ toolName: 'write_file', toolInput: '{"pa', cause: new Error('Unexpected end of JSON input') });
    const invalidText = describeChatError(invalid, ctx);
    expect(invalidText).toBe(
      'The model sent input for write_file that could not be read (Unexpected end of JSON input). Call write_file again with valid JSON arguments that match its schema.',
    );
    expect(describeChatError(invalid.message, ctx)).toBe(invalidText);

    const unknown = new NoSuchToolError({ toolName: 'deploy', availableTools: ['read_file', 'list_files'] });
    expect(describeChatError(unknown, ctx)).toBe(
      'The model called a tool that does not exist ("deploy"). Use only these tools: read_file, list_files.',
    );
    expect(describeChatError(unknown.message, ctx)).toBe(describeChatError(unknown, ctx));
  });

  it('never shows a stack trace and hides keys in unknown errors', () => {
    const error = new Error('Weird failure with key sk-abcdefghijklmnop1234\n    at foo (bar.js:1:1)');
    const text = describeChatError(error, ctx);
    expect(text).not.toMatch(/sk-abcdefghijklmnop1234/);
    expect(text).not.toMatch(/\n/);
    expect(text).toMatch(/^Something went wrong while talking to OpenAI: Weird failure/);
    expect(describeChatError(apiError(502), ctx)).toBe('OpenAI had a problem answering (HTTP 502). Try again in a moment.');
  });
});

describe('retryAfterSeconds', () => {
  it('reads seconds, milliseconds and dates', () => {
    expect(retryAfterSeconds({ 'retry-after': '3' })).toBe(3);
    expect(retryAfterSeconds({ 'retry-after-ms': '1500' })).toBe(2);
    expect(retryAfterSeconds({ 'retry-after': new Date(Date.now() + 10_000).toUTCString() })).toBeGreaterThanOrEqual(9);
    expect(retryAfterSeconds({})).toBeUndefined();
  });
});
