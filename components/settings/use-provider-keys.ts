'use client';

import { useCallback, useSyncExternalStore } from 'react';
import {
  PROVIDER_KEYS_STORAGE_KEY,
  emptyProviderKeys,
  loadProviderKeys,
  saveProviderKeys,
  type ProviderKeySettings,
} from '@/lib/chat/provider-keys';

const listeners = new Set<() => void>();
let cached: ProviderKeySettings | null = null;

function browserStorage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

function snapshot(): ProviderKeySettings {
  cached ??= loadProviderKeys(browserStorage());
  return cached;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab of the IDE may change the keys.
  const onStorage = (event: StorageEvent) => {
    if (event.key !== PROVIDER_KEYS_STORAGE_KEY) return;
    cached = null;
    listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** Keys from Settings, kept in this browser's localStorage only. `save` throws when storage is refused. */
export function useProviderKeys(): [ProviderKeySettings, (keys: ProviderKeySettings) => void] {
  const keys = useSyncExternalStore(subscribe, snapshot, () => emptyProviderKeys);
  const save = useCallback((next: ProviderKeySettings) => {
    const storage = browserStorage();
    if (!storage) throw new Error('This browser does not allow Tabsmith to store settings.');
    saveProviderKeys(storage, next);
    cached = next;
    for (const listener of listeners) listener();
  }, []);
  return [keys, save];
}
