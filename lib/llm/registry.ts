import 'server-only';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { createOpenAI } from '@ai-sdk/openai';
import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { modelFetch } from './model-fetch';
import { catalogModels, guessSupportsImages, toModelInfo } from './catalog';
import { discoverOllamaModels, discoverOpenAICompatibleModels } from './model-discovery';
import { parseModelId } from './model-id';
import { DemoLanguageModel } from './demo/demo-model';
import { createModelCache } from './model-cache';
import { DEMO_MODEL_ID, providerLabels, type ModelInfo, type ModelList, type ProviderId, type ProviderKeys } from './types';

export const DEFAULT_OLLAMA_BASE_URL = 'http://127.0.0.1:11434';

type Env = Record<string, string | undefined>;

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

interface ProviderSettings {
  openaiKey?: string;
  openaiBaseUrl?: string;
  anthropicKey?: string;
  googleKey?: string;
  compatBaseUrl?: string;
  compatKey?: string;
  compatModels: string[];
  ollamaBaseUrl: string;
  defaultModel?: string;
}

/**
 * A key typed into Settings wins over the server's own for that one request. An address typed into Settings
 * goes only with a key typed there too: a page could otherwise name its own server and receive the server's key.
 */
function settingsFrom(keys: ProviderKeys | undefined, env: Env): ProviderSettings {
  const requestCompatBaseUrl = nonEmpty(keys?.openaiCompatibleBaseUrl);
  return {
    openaiKey: nonEmpty(keys?.openai) ?? nonEmpty(env.OPENAI_API_KEY),
    openaiBaseUrl: nonEmpty(env.OPENAI_BASE_URL),
    anthropicKey: nonEmpty(keys?.anthropic) ?? nonEmpty(env.ANTHROPIC_API_KEY),
    googleKey: nonEmpty(keys?.google) ?? nonEmpty(env.GOOGLE_GENERATIVE_AI_API_KEY),
    compatBaseUrl: requestCompatBaseUrl ?? nonEmpty(env.OPENAI_COMPATIBLE_BASE_URL),
    compatKey: requestCompatBaseUrl
      ? nonEmpty(keys?.openaiCompatible)
      : (nonEmpty(keys?.openaiCompatible) ?? nonEmpty(env.OPENAI_COMPATIBLE_API_KEY)),
    compatModels: (keys?.openaiCompatibleModels?.length
      ? keys.openaiCompatibleModels
      : (env.OPENAI_COMPATIBLE_MODELS ?? '').split(',')
    )
      .map((m) => m.trim())
      .filter(Boolean),
    ollamaBaseUrl: (nonEmpty(env.OLLAMA_BASE_URL) ?? DEFAULT_OLLAMA_BASE_URL).replace(/\/+$/, ''),
    defaultModel: nonEmpty(env.DEFAULT_MODEL),
  };
}

export const demoModelInfo: ModelInfo = toModelInfo('demo', 'offline', 'Offline demo (not AI)', false);

/** Every usable model, configured by the environment or by `keys`, plus the offline demo (always last). */
export async function listModels(keys?: ProviderKeys, env: Env = process.env): Promise<ModelList> {
  const s = settingsFrom(keys, env);
  const [ollama, compatDiscovered] = await Promise.all([
    discoverOllamaModels(s.ollamaBaseUrl),
    s.compatBaseUrl && s.compatModels.length === 0
      ? discoverOpenAICompatibleModels(s.compatBaseUrl, s.compatKey)
      : Promise.resolve(null),
  ]);

  const models: ModelInfo[] = [];
  if (s.openaiKey) models.push(...catalogModels('openai'));
  if (s.anthropicKey) models.push(...catalogModels('anthropic'));
  if (s.googleKey) models.push(...catalogModels('google'));
  if (s.compatBaseUrl) {
    for (const model of s.compatModels.length > 0 ? s.compatModels : (compatDiscovered ?? [])) {
      models.push(toModelInfo('openai-compatible', model, model, guessSupportsImages(model)));
    }
  }
  for (const model of ollama ?? []) {
    models.push(toModelInfo('ollama', model, `${model} (Ollama)`, guessSupportsImages(model)));
  }
  models.push(demoModelInfo);

  const preferred = s.defaultModel && models.find((m) => m.id === s.defaultModel);
  const defaultModel = preferred ? preferred.id : (models.find((m) => !m.isDemo)?.id ?? DEMO_MODEL_ID);
  return { models, defaultModel };
}

export type ModelUnavailableReason = 'malformed-id' | 'not-configured';

/** Why a model id cannot be used; `message` is written for the person in the chat. */
export class ModelUnavailableError extends Error {
  constructor(
    readonly reason: ModelUnavailableReason,
    message: string,
  ) {
    super(message);
    this.name = 'ModelUnavailableError';
  }
}

export interface ResolvedModel {
  model: LanguageModelV3;
  provider: ProviderId;
  providerLabel: string;
  /** Where requests go, for "could not reach …" messages; undefined for hosted defaults and the demo. */
  baseUrl?: string;
}

export type ModelResolution = { ok: true; value: ResolvedModel } | { ok: false; error: ModelUnavailableError };

function missing(provider: ProviderId, what: string): ModelResolution {
  return {
    ok: false,
    error: new ModelUnavailableError(
      'not-configured',
      `${providerLabels[provider]} is not set up: ${what}. Add it in Settings, or pick another model.`,
    ),
  };
}

/** Whether a key or address typed into Settings changes how this provider's model is built. */
function usesRequestSettings(provider: ProviderId, keys: ProviderKeys | undefined): boolean {
  switch (provider) {
    case 'openai':
      return nonEmpty(keys?.openai) !== undefined;
    case 'anthropic':
      return nonEmpty(keys?.anthropic) !== undefined;
    case 'google':
      return nonEmpty(keys?.google) !== undefined;
    case 'openai-compatible':
      return nonEmpty(keys?.openaiCompatible) !== undefined || nonEmpty(keys?.openaiCompatibleBaseUrl) !== undefined;
    case 'ollama':
    case 'demo':
      return false;
  }
}

function buildModel(provider: ProviderId, model: string, s: ProviderSettings): LanguageModelV3 {
  switch (provider) {
    case 'openai':
      return createOpenAI({ apiKey: s.openaiKey, baseURL: s.openaiBaseUrl, fetch: modelFetch })(model);
    case 'anthropic':
      return createAnthropic({ apiKey: s.anthropicKey, fetch: modelFetch })(model);
    case 'google':
      return createGoogleGenerativeAI({ apiKey: s.googleKey, fetch: modelFetch })(model);
    case 'openai-compatible':
      return createOpenAICompatible({
        name: 'openai-compatible',
        baseURL: s.compatBaseUrl ?? '',
        apiKey: s.compatKey,
        includeUsage: true,
        fetch: modelFetch,
      }).chatModel(model);
    case 'ollama':
      return createOpenAICompatible({ name: 'ollama', baseURL: `${s.ollamaBaseUrl}/v1`, includeUsage: true, fetch: modelFetch }).chatModel(model);
    case 'demo':
      return new DemoLanguageModel();
  }
}

/** What a model built from the server's own settings depends on; a changed environment builds a new one. */
function cacheKeyOf(provider: ProviderId, model: string, s: ProviderSettings): string {
  const inputs: Record<ProviderId, (string | undefined)[]> = {
    openai: [s.openaiKey, s.openaiBaseUrl],
    anthropic: [s.anthropicKey],
    google: [s.googleKey],
    'openai-compatible': [s.compatBaseUrl, s.compatKey],
    ollama: [s.ollamaBaseUrl],
    demo: [],
  };
  return JSON.stringify([provider, model, ...inputs[provider]]);
}

/**
 * Models built from the server's environment are reused across requests. A model built from keys typed into
 * Settings is built for that request only, so the server keeps no key beyond the request that carried it.
 */
const serverModels = createModelCache<LanguageModelV3>();

export function clearModelCache(): void {
  serverModels.clear();
}

export function resolveModel(id: string, keys?: ProviderKeys, env: Env = process.env): ModelResolution {
  const parsed = parseModelId(id);
  if (!parsed) {
    return {
      ok: false,
      error: new ModelUnavailableError('malformed-id', `"${id}" is not a model id. Pick a model from the list.`),
    };
  }
  const { provider, model } = parsed;
  const s = settingsFrom(keys, env);
  if (provider === 'openai' && !s.openaiKey) return missing(provider, 'no API key');
  if (provider === 'anthropic' && !s.anthropicKey) return missing(provider, 'no API key');
  if (provider === 'google' && !s.googleKey) return missing(provider, 'no API key');
  if (provider === 'openai-compatible' && !s.compatBaseUrl) {
    return missing(provider, 'no server address (OPENAI_COMPATIBLE_BASE_URL)');
  }

  const languageModel = usesRequestSettings(provider, keys)
    ? buildModel(provider, model, s)
    : serverModels.get(cacheKeyOf(provider, model, s), () => buildModel(provider, model, s));
  const baseUrls: Partial<Record<ProviderId, string | undefined>> = {
    openai: s.openaiBaseUrl,
    'openai-compatible': s.compatBaseUrl,
    ollama: s.ollamaBaseUrl,
  };
  return {
    ok: true,
    value: { model: languageModel, provider, providerLabel: providerLabels[provider], baseUrl: baseUrls[provider] },
  };
}
