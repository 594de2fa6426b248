import { describe, expect, it } from 'vitest';
import { createModelCache } from './model-cache';

describe('createModelCache', () => {
  it('builds a value once per key and returns the same one afterwards', () => {
    const cache = createModelCache<{ n: number }>();
    let builds = 0;
    const build = () => ({ n: ++builds });
    const first = cache.get('a', build);
    expect(cache.get('a', build)).toBe(first);
    expect(cache.get('b', build)).not.toBe(first);
    expect(builds).toBe(2);
  });

  it('drops the least recently used entry when full', () => {
    const cache = createModelCache<string>(2);
    let builds = 0;
    const build = (value: string) => () => {
      builds++;
      return value;
    };
    cache.get('a', build('a'));
    cache.get('b', build('b'));
    cache.get('a', build('a')); // a is now the most recently used
    cache.get('c', build('c')); // evicts b
    expect(cache.size).toBe(2);
    expect(builds).toBe(3);
    cache.get('a', build('a'));
    expect(builds).toBe(3);
    cache.get('b', build('b'));
    expect(builds).toBe(4);
  });

  it('forgets everything on clear', () => {
    const cache = createModelCache<number>();
    cache.get('a', () => 1);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.get('a', () => 2)).toBe(2);
  });
});
