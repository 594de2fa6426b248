/** One entry of `/api/models`. */
export interface ModelInfo {
  id: string;
  provider: string;
  label: string;
  isDemo: boolean;
  supportsImages: boolean;
}

export interface ModelsResponse {
  models: ModelInfo[];
  defaultModel: string;
}

export interface ModelGroup {
  provider: string;
  label: string;
  models: { id: string; label: string; supportsImages: boolean }[];
}

/** Marks the models that read images, so the picker shows where attachments work. */
export const IMAGES_MARK = ' · images';

export const DEMO_MODEL_LABEL = 'Offline demo (not AI)';

const providerLabels: Record<string, string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  google: 'Google',
  'openai-compatible': 'Your own server',
  ollama: 'Ollama (this computer)',
  demo: 'Offline demo',
};

export function providerLabel(provider: string): string {
  return providerLabels[provider] ?? provider;
}

/** "Claude Sonnet 4 (Anthropic)": how a model is named when the chat says it is now in use. */
export function modelDisplayName(modelId: string, response: ModelsResponse | null): string {
  const model = response?.models.find((m) => m.id === modelId);
  if (!model) return modelId;
  return model.isDemo ? DEMO_MODEL_LABEL : `${model.label} (${providerLabel(model.provider)})`;
}

/** Models grouped by provider in first-seen order; the demo is always labelled as not AI. */
export function groupModels(models: ModelInfo[]): ModelGroup[] {
  const groups = new Map<string, ModelGroup>();
  for (const model of models) {
    let group = groups.get(model.provider);
    if (!group) {
      group = { provider: model.provider, label: providerLabel(model.provider), models: [] };
      groups.set(model.provider, group);
    }
    group.models.push({
      id: model.id,
      label: model.isDemo ? DEMO_MODEL_LABEL : `${model.label}${model.supportsImages ? IMAGES_MARK : ''}`,
      supportsImages: model.supportsImages,
    });
  }
  return [...groups.values()];
}

/** The project's saved choice when it is still available, else the server's default. */
export function effectiveModelId(saved: string | null, response: ModelsResponse | null): string | null {
  if (!response) return saved;
  if (saved && response.models.some((m) => m.id === saved)) return saved;
  return response.defaultModel || response.models[0]?.id || null;
}

export function isDemoModel(modelId: string | null, response: ModelsResponse | null): boolean {
  if (!modelId) return false;
  const model = response?.models.find((m) => m.id === modelId);
  return model ? model.isDemo : modelId.startsWith('demo:');
}

export function parseModelsResponse(value: unknown): ModelsResponse | null {
  if (!value || typeof value !== 'object') return null;
  const raw = value as { models?: unknown; defaultModel?: unknown };
  if (!Array.isArray(raw.models)) return null;
  const models: ModelInfo[] = raw.models
    .filter((m): m is Record<string, unknown> => !!m && typeof m === 'object' && typeof (m as { id?: unknown }).id === 'string')
    .map((m) => ({
      id: m.id as string,
      provider: typeof m.provider === 'string' ? m.provider : String(m.id).split(':')[0],
      label: typeof m.label === 'string' ? m.label : (m.id as string),
      isDemo: m.isDemo === true,
      supportsImages: m.supportsImages === true,
    }));
  return { models, defaultModel: typeof raw.defaultModel === 'string' ? raw.defaultModel : '' };
}
