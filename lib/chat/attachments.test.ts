import { describe, expect, it } from 'vitest';
import { imageRejection, imageSupport, MAX_IMAGE_BYTES, MAX_IMAGES_PER_MESSAGE } from './attachments';
import type { ModelsResponse } from './model-options';

const response: ModelsResponse = {
  defaultModel: 'openai:gpt-4.1',
  models: [
    { id: 'openai:gpt-4.1', provider: 'openai', label: 'GPT', isDemo: false, supportsImages: true },
    { id: 'openai-compatible:fake-model', provider: 'openai-compatible', label: 'fake', isDemo: false, supportsImages: false },
    { id: 'ollama:qwen', provider: 'ollama', label: 'qwen', isDemo: false, supportsImages: false },
    { id: 'demo:offline', provider: 'demo', label: 'demo', isDemo: true, supportsImages: false },
  ],
};

describe('imageSupport', () => {
  it('trusts the model list, allows unknown OpenAI-compatible models with a warning, refuses the rest', () => {
    expect(imageSupport('openai:gpt-4.1', response)).toBe('yes');
    expect(imageSupport('openai-compatible:fake-model', response)).toBe('maybe');
    expect(imageSupport('ollama:qwen', response)).toBe('no');
    expect(imageSupport('demo:offline', response)).toBe('no');
    expect(imageSupport(null, response)).toBe('no');
  });
});

describe('imageRejection', () => {
  it('accepts a small PNG', () => {
    expect(imageRejection({ name: 'a.png', type: 'image/png', size: 1000 }, 0)).toBeNull();
  });
  it('names the file and the limit when it is too big', () => {
    expect(imageRejection({ name: 'big.png', type: 'image/png', size: MAX_IMAGE_BYTES + 1 }, 0)).toMatch(/big\.png is 5 MB; images can be at most 5 MB/);
  });
  it('refuses other file types and too many images', () => {
    expect(imageRejection({ name: 'notes.pdf', type: 'application/pdf', size: 10 }, 0)).toMatch(/not a PNG/);
    expect(imageRejection({ name: 'a.png', type: 'image/png', size: 10 }, MAX_IMAGES_PER_MESSAGE)).toMatch(/At most 4/);
  });
});
