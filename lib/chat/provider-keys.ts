import type { ProviderKeys } from '../llm/types';

/** API keys typed into Settings. They live in this browser's localStorage and travel with each chat request. */
export interface ProviderKeySettings {
  openai: string;
  anthropic: string;
  google: string;
  openaiCompatible: { baseUrl: string; apiKey: string; models: string };
}

/**
 * The `keys` field of `/api/chat` and `/api/models` requests; only filled-in values appear.
 * `openaiCompatible` is the key (as `lib/llm` reads it); the server address and model names travel
 * alongside so the server can use them instead of its environment.
 */
export type RequestKeys = ProviderKeys;

export const PROVIDER_KEYS_STORAGE_KEY = 'tabsmith.providerKeys.v1';

export const emptyProviderKeys: ProviderKeySettings = {
  openai: '',
  anthropic: '',
  google: '',
  openaiCompatible: { baseUrl: '', apiKey: '', models: '' },
};

type KeyStorage = Pick<Storage, 'getItem' | 'setItem'>;

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function loadProviderKeys(storage: KeyStorage | null): ProviderKeySettings {
  if (!storage) return emptyProviderKeys;
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage.getItem(PROVIDER_KEYS_STORAGE_KEY) ?? 'null');
  } catch {
    return emptyProviderKeys;
  }
  if (!parsed || typeof parsed !== 'object') return emptyProviderKeys;
  const raw = parsed as Record<string, unknown>;
  const compat = (raw.openaiCompatible && typeof raw.openaiCompatible === 'object'
    ? raw.openaiCompatible
    : {}) as Record<string, unknown>;
  return {
    openai: str(raw.openai),
    anthropic: str(raw.anthropic),
    google: str(raw.google),
    openaiCompatible: { baseUrl: str(compat.baseUrl), apiKey: str(compat.apiKey), models: str(compat.models) },
  };
}

/** Throws when the browser refuses to store (private mode, quota); the caller says so in plain words. */
export function saveProviderKeys(storage: KeyStorage, keys: ProviderKeySettings): void {
  storage.setItem(PROVIDER_KEYS_STORAGE_KEY, JSON.stringify(keys));
}

export function requestKeys(settings: ProviderKeySettings): RequestKeys | undefined {
  const keys: RequestKeys = {};
  if (settings.openai.trim()) keys.openai = settings.openai.trim();
  if (settings.anthropic.trim()) keys.anthropic = settings.anthropic.trim();
  if (settings.google.trim()) keys.google = settings.google.trim();
  const compat = settings.openaiCompatible;
  if (compat.apiKey.trim()) keys.openaiCompatible = compat.apiKey.trim();
  if (compat.baseUrl.trim()) keys.openaiCompatibleBaseUrl = compat.baseUrl.trim();
  const models = compat.models
    .split(/[,\n]/)
    .map((m) => m.trim())
    .filter(Boolean);
  if (models.length > 0) keys.openaiCompatibleModels = models;
  return Object.keys(keys).length > 0 ? keys : undefined;
}
