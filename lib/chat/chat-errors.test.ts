import { describe, expect, it } from 'vitest';
import { plainChatError } from './chat-errors';

describe('plainChatError', () => {
  it('passes the server’s plain message through', () => {
    expect(plainChatError(new Error('OpenAI rejected the API key. Check it in Settings.'))).toBe(
      'OpenAI rejected the API key. Check it in Settings.',
    );
  });

  it('unwraps a JSON error body', () => {
    expect(plainChatError(new Error('{"error":"messages must not be empty"}'))).toBe('messages must not be empty');
  });

  it('replaces browser network errors and empty messages', () => {
    expect(plainChatError(new TypeError('Failed to fetch'))).toMatch(/could not reach its server/);
    expect(plainChatError(new Error(''))).toMatch(/Retry/);
    expect(plainChatError(undefined)).toBe('');
  });
});
