import { describe, expect, it } from 'vitest';
import { allowedHostsFromEnv } from './allowed-hosts';
import { refuseForeignJsonRequest } from './foreign-request';

const allowed = allowedHostsFromEnv({ ALLOWED_HOSTS: 'ide.example.com' });

function post(url: string, headers: Record<string, string>): Request {
  return new Request(url, { method: 'POST', headers, body: '{}' });
}

describe('refuseForeignJsonRequest', () => {
  it('lets the IDE itself through, with or without an Origin', () => {
    expect(refuseForeignJsonRequest(post('http://localhost:3000/api/models', { origin: 'http://localhost:3000', 'content-type': 'application/json' }), allowed, 'X')).toBeNull();
    expect(refuseForeignJsonRequest(post('https://ide.example.com/api/models', { origin: 'https://ide.example.com', 'content-type': 'application/json; charset=utf-8' }), allowed, 'X')).toBeNull();
    expect(refuseForeignJsonRequest(post('http://localhost:3000/api/models', { 'content-type': 'application/json' }), allowed, 'X')).toBeNull();
  });

  it('refuses other origins with 403 and non-JSON bodies with 415, saying which endpoint', async () => {
    const foreign = refuseForeignJsonRequest(post('http://localhost:3000/api/models', { origin: 'https://evil.example', 'content-type': 'application/json' }), allowed, 'The model list');
    expect(foreign?.status).toBe(403);
    expect((await foreign?.json()).error).toBe('The model list accepts requests only from the IDE itself, not from other sites or the preview.');
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const simple = refuseForeignJsonRequest(post('http://localhost:3000/api/models', { 'content-type': type }), allowed, 'The model list');
      expect(simple?.status, type).toBe(415);
    }
  });
});
