import type { ModelInfo, ProviderId } from './types';

interface CatalogEntry {
  model: string;
  label: string;
  supportsImages: boolean;
}

/** Curated coding models per hosted provider, best first; the first is that provider's default. */
export const hostedCatalog: Record<'openai' | 'anthropic' | 'google', CatalogEntry[]> = {
  openai: [
    { model: 'gpt-5.5', label: 'GPT-5.5', supportsImages: true },
    { model: 'gpt-5.4-mini', label: 'GPT-5.4 mini', supportsImages: true },
    { model: 'gpt-5.3-codex', label: 'GPT-5.3 Codex', supportsImages: true },
    { model: 'gpt-4.1', label: 'GPT-4.1', supportsImages: true },
  ],
  anthropic: [
    { model: 'claude-sonnet-4-6', label: 'Claude Sonnet 4.6', supportsImages: true },
    { model: 'claude-opus-4-7', label: 'Claude Opus 4.7', supportsImages: true },
    { model: 'claude-haiku-4-5', label: 'Claude Haiku 4.5', supportsImages: true },
  ],
  google: [
    { model: 'gemini-3.1-pro-preview', label: 'Gemini 3.1 Pro (preview)', supportsImages: true },
    { model: 'gemini-2.5-pro', label: 'Gemini 2.5 Pro', supportsImages: true },
    { model: 'gemini-2.5-flash', label: 'Gemini 2.5 Flash', supportsImages: true },
  ],
};

export function catalogModels(provider: keyof typeof hostedCatalog): ModelInfo[] {
  return hostedCatalog[provider].map((entry) => toModelInfo(provider, entry.model, entry.label, entry.supportsImages));
}

const visionNamePattern = /llava|vision|-vl|vl:|gemma3|bakllava|moondream|minicpm-v|pixtral/i;

/** Local model servers do not say which models see images; the name is the best hint. */
export function guessSupportsImages(model: string): boolean {
  return visionNamePattern.test(model);
}

export function toModelInfo(provider: ProviderId, model: string, label: string, supportsImages: boolean): ModelInfo {
  return { id: `${provider}:${model}`, provider, label, isDemo: provider === 'demo', supportsImages };
}
