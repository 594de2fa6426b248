import { describe, expect, it } from 'vitest';
import { DEMO_MODEL_LABEL, effectiveModelId, groupModels, isDemoModel, parseModelsResponse } from './model-options';

const response = parseModelsResponse({
  models: [
    { id: 'openai:gpt-x', provider: 'openai', label: 'GPT X', isDemo: false, supportsImages: true },
    { id: 'openai-compatible:fake-model', provider: 'openai-compatible', label: 'fake-model', isDemo: false, supportsImages: false },
    { id: 'openai:gpt-y', provider: 'openai', label: 'GPT Y', isDemo: false, supportsImages: false },
    { id: 'demo:offline', provider: 'demo', label: 'Demo', isDemo: true, supportsImages: false },
  ],
  defaultModel: 'openai-compatible:fake-model',
})!;

describe('model options', () => {
  it('groups by provider and labels the demo as not AI', () => {
    const groups = groupModels(response.models);
    expect(groups.map((g) => g.label)).toEqual(['OpenAI', 'Your own server', 'Offline demo']);
    expect(groups[0].models.map((m) => m.id)).toEqual(['openai:gpt-x', 'openai:gpt-y']);
    expect(groups[2].models[0].label).toBe(DEMO_MODEL_LABEL);
    expect(groups[0].models.map((m) => m.label)).toEqual(['GPT X · images', 'GPT Y']);
  });

  it('keeps a saved model that is still offered, else falls back to the default', () => {
    expect(effectiveModelId('openai:gpt-y', response)).toBe('openai:gpt-y');
    expect(effectiveModelId('anthropic:gone', response)).toBe('openai-compatible:fake-model');
    expect(effectiveModelId(null, response)).toBe('openai-compatible:fake-model');
    expect(effectiveModelId('x:y', null)).toBe('x:y');
  });

  it('knows the demo', () => {
    expect(isDemoModel('demo:offline', response)).toBe(true);
    expect(isDemoModel('openai:gpt-x', response)).toBe(false);
    expect(isDemoModel('demo:offline', null)).toBe(true);
  });

  it('rejects malformed responses', () => {
    expect(parseModelsResponse({ nope: 1 })).toBeNull();
    expect(parseModelsResponse({ models: [{ id: 'a:b' }, 3] })).toEqual({
      models: [{ id: 'a:b', provider: 'a', label: 'a:b', isDemo: false, supportsImages: false }],
      defaultModel: '',
    });
  });
});

describe('modelDisplayName', () => {
  it('names the model with its provider, and the demo as not AI', async () => {
    const { modelDisplayName } = await import('./model-options');
    const response = {
      defaultModel: 'anthropic:claude',
      models: [
        { id: 'anthropic:claude', provider: 'anthropic', label: 'Claude Sonnet', isDemo: false, supportsImages: true },
        { id: 'demo:offline', provider: 'demo', label: 'Offline demo', isDemo: true, supportsImages: false },
      ],
    };
    expect(modelDisplayName('anthropic:claude', response)).toBe('Claude Sonnet (Anthropic)');
    expect(modelDisplayName('demo:offline', response)).toBe('Offline demo (not AI)');
    expect(modelDisplayName('x:y', null)).toBe('x:y');
  });
});
