import { describe, expect, it } from 'vitest';
import { automaticCheckFixes, brokenChecksMessage, mayAutoFixChecks } from './after-turn';

const user = (autoFix?: 'checks') => ({ role: 'user', ...(autoFix ? { metadata: { autoFix } } : {}) });
const assistant = { role: 'assistant' };

describe('automatic fixing of broken checks', () => {
  it('counts the automatic messages since the person last wrote, within the fix limit', () => {
    expect(automaticCheckFixes([user(), assistant])).toBe(0);
    expect(automaticCheckFixes([user(), assistant, user('checks'), assistant])).toBe(1);
    const twice = [user(), assistant, user('checks'), assistant, user('checks'), assistant];
    expect(automaticCheckFixes(twice)).toBe(2);
    expect(mayAutoFixChecks(twice.slice(0, 4))).toBe(true);
    expect(mayAutoFixChecks(twice)).toBe(false);
    // The person writing again gives automatic fixing its attempts back.
    expect(mayAutoFixChecks([...twice, user(), assistant])).toBe(true);
  });

  it('tells the agent which check broke, how, and the steps to run again', () => {
    const checks = [
      { id: 'c1', name: "click 'Count: 0', expect 'Count: 1'", path: '/', steps: [{ action: 'click' as const, target: 'Count: 0' }, { action: 'expect_text' as const, value: 'Count: 1' }], savedAt: '' },
    ];
    const message = brokenChecksMessage({ total: 2, broken: [{ name: checks[0].name, detail: "expected 'Count: 1', the page shows 'Count: 0'" }] }, checks);
    expect(message).toContain('A saved check that passed before no longer passes after your last change (1 of 2 still pass):');
    expect(message).toContain(`- "click 'Count: 0', expect 'Count: 1'": expected 'Count: 1', the page shows 'Count: 0'`);
    expect(message).toContain('test_preview input: {"path":"/","steps":[{"action":"click","target":"Count: 0"},{"action":"expect_text","value":"Count: 1"}]}');
  });
});
