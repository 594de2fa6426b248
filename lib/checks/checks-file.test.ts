import { describe, expect, it } from 'vitest';
import { addCheck, CHECKS_PATH, parseChecks, removeCheck, serializeChecks } from './checks-file';

const steps = [
  { action: 'click' as const, target: 'Count: 0' },
  { action: 'expect_text' as const, value: 'Count: 1' },
];

describe('the checks file', () => {
  it('lives under .tabsmith/', () => {
    expect(CHECKS_PATH).toBe('.tabsmith/checks.json');
  });

  it('adds a check named after its steps, once per page and steps, and round-trips', () => {
    const now = new Date('2026-12-01T10:00:00Z');
    const first = addCheck([], { path: '/', steps }, now, () => 'c1');
    expect(first.added).toEqual({ id: 'c1', name: "click 'Count: 0', expect 'Count: 1'", path: '/', steps, savedAt: '2026-12-01T10:00:00.000Z' });
    const again = addCheck(first.checks, { path: '/', steps }, now, () => 'c2');
    expect(again.added).toBeNull();
    expect(again.checks).toHaveLength(1);
    const otherPage = addCheck(first.checks, { path: '/about', steps }, now, () => 'c3');
    expect(otherPage.checks.map((c) => c.id)).toEqual(['c1', 'c3']);
    expect(parseChecks(serializeChecks(otherPage.checks))).toEqual(otherPage.checks);
    expect(removeCheck(otherPage.checks, 'c1').map((c) => c.id)).toEqual(['c3']);
  });

  it.each([undefined, '', 'not json', '{"checks": 3}', '[]'])('reads %j as no checks', (content) => {
    expect(parseChecks(content)).toEqual([]);
  });

  it('drops entries that are not checks and keeps the rest', () => {
    const content = JSON.stringify({
      version: 1,
      checks: [
        { id: 'ok', steps: [{ action: 'press', value: 'Enter', extra: 1 }], path: 'no-slash' },
        { id: 'bad-action', steps: [{ action: 'hover' }] },
        { id: '', steps },
        { id: 'no-steps', steps: [] },
      ],
    });
    expect(parseChecks(new TextEncoder().encode(content))).toEqual([
      { id: 'ok', name: 'press Enter', path: '/', steps: [{ action: 'press', value: 'Enter' }], savedAt: '' },
    ]);
  });
});
