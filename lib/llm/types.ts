export const providerIds = ['openai', 'anthropic', 'google', 'openai-compatible', 'ollama', 'demo'] as const;
export type ProviderId = (typeof providerIds)[number];

/** Keys typed into Settings; they travel with one request and are never stored or logged by the server. */
export interface ProviderKeys {
  openai?: string;
  anthropic?: string;
  google?: string;
  openaiCompatible?: string;
  openaiCompatibleBaseUrl?: string;
  openaiCompatibleModels?: string[];
}

export interface ModelInfo {
  /** `provider:model`, e.g. `openai:gpt-5.5` or `demo:offline`. */
  id: string;
  provider: ProviderId;
  label: string;
  isDemo: boolean;
  supportsImages: boolean;
}

export interface ModelList {
  models: ModelInfo[];
  defaultModel: string;
}

export const DEMO_MODEL_ID = 'demo:offline';

export const providerLabels: Record<ProviderId, string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  google: 'Google',
  'openai-compatible': 'OpenAI-compatible server',
  ollama: 'Ollama',
  demo: 'Offline demo',
};
