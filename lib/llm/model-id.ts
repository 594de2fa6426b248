import { providerIds, type ProviderId } from './types';

export interface ParsedModelId {
  provider: ProviderId;
  model: string;
}

/** Splits `provider:model` at the first colon, so model names may themselves contain colons (`ollama:qwen2.5:7b`). */
export function parseModelId(id: string): ParsedModelId | null {
  const colon = id.indexOf(':');
  if (colon <= 0 || colon === id.length - 1) return null;
  const provider = id.slice(0, colon);
  const model = id.slice(colon + 1).trim();
  if (!isProviderId(provider) || model === '') return null;
  return { provider, model };
}

export function isProviderId(value: string): value is ProviderId {
  return (providerIds as readonly string[]).includes(value);
}
