import { describe, expect, it } from 'vitest';
import { layoutFor, sizesFrom } from './pane-layout';

describe('layoutFor', () => {
  it('uses saved sizes that fit the group', () => {
    expect(layoutFor('main', { main: [30, 40, 30] })).toEqual({ 'chat-pane': 30, 'code-pane': 40, 'run-pane': 30 });
  });

  it('falls back to the defaults for missing, short or nonsensical sizes', () => {
    const defaults = layoutFor('main', {});
    expect(layoutFor('main', { main: [50, 50] })).toEqual(defaults);
    expect(layoutFor('main', { main: [10, 10, 10] })).toEqual(defaults);
    expect(layoutFor('main', { main: [NaN, 50, 50] })).toEqual(defaults);
    expect(Object.values(defaults).reduce((a, b) => a + b, 0)).toBe(100);
  });
});

describe('sizesFrom', () => {
  it('reads sizes in panel order and refuses incomplete layouts', () => {
    expect(sizesFrom('run', { 'terminal-pane': 40, 'preview-pane': 60 })).toEqual([60, 40]);
    expect(sizesFrom('run', { 'preview-pane': 60 })).toBeNull();
  });
});
