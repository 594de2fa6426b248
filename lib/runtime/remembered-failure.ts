/** Remembers that WebContainer could not start here, so later opens do not wait for it again. */
export interface FailureMemory {
  /** The reason, while the memory is fresh; null otherwise. */
  recall(): string | null;
  remember(reason: string): void;
  forget(): void;
}

const KEY = 'tabsmith:webcontainer-failure';
/** A network that blocked StackBlitz may let it through another day; look again after this long. */
export const FAILURE_MEMORY_MS = 12 * 60 * 60 * 1000;

interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function storedFailureMemory(
  storage: StorageLike | null = typeof localStorage === 'undefined' ? null : localStorage,
  now: () => number = Date.now,
): FailureMemory {
  const safely = <T>(action: () => T, fallback: T): T => {
    try {
      return action();
    } catch {
      // Storage refused (private mode, quota): behave as if nothing was remembered.
      return fallback;
    }
  };
  return {
    recall() {
      if (!storage) return null;
      return safely(() => {
        const value = JSON.parse(storage.getItem(KEY) ?? 'null') as { reason?: unknown; at?: unknown } | null;
        if (!value || typeof value.reason !== 'string' || typeof value.at !== 'number') return null;
        if (now() - value.at > FAILURE_MEMORY_MS || value.at > now()) {
          storage.removeItem(KEY);
          return null;
        }
        return value.reason;
      }, null);
    },
    remember(reason) {
      safely(() => storage?.setItem(KEY, JSON.stringify({ reason, at: now() })), undefined);
    },
    forget() {
      safely(() => storage?.removeItem(KEY), undefined);
    },
  };
}
