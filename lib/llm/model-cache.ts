/**
 * Keeps a bounded number of built values by key, dropping the least recently used one when full.
 * Provider models are worth keeping: each one builds its own zod chunk schema, and a fresh schema is
 * both slow to build and slow to run the first times, which lands on every chat's first byte.
 */
export interface ModelCache<T> {
  get(key: string, build: () => T): T;
  readonly size: number;
  clear(): void;
}

export function createModelCache<T>(maxEntries = 32): ModelCache<T> {
  const entries = new Map<string, T>();
  return {
    get(key, build) {
      const hit = entries.get(key);
      if (hit !== undefined) {
        // Map keeps insertion order; re-inserting marks the entry as the most recently used.
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const built = build();
      entries.set(key, built);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      return built;
    },
    get size() {
      return entries.size;
    },
    clear() {
      entries.clear();
    },
  };
}
