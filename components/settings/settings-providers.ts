import type { ProviderKeySettings } from '@/lib/chat/provider-keys';

export type SettingsProvider = 'openai' | 'anthropic' | 'google' | 'openai-compatible';

export interface ProviderChoice {
  id: SettingsProvider;
  name: string;
  /** What people know it by. */
  known: string;
  /** Where to get a key; none for a server of your own. */
  keyUrl?: string;
  cost: string;
  keyPlaceholder?: string;
}

export const providerChoices: ProviderChoice[] = [
  {
    id: 'openai',
    name: 'OpenAI',
    known: 'ChatGPT',
    keyUrl: 'https://platform.openai.com/api-keys',
    cost: 'OpenAI bills your OpenAI account for what you use; building a small app usually costs a few cents.',
    keyPlaceholder: 'sk-…',
  },
  {
    id: 'anthropic',
    name: 'Anthropic',
    known: 'Claude',
    keyUrl: 'https://console.anthropic.com/settings/keys',
    cost: 'Anthropic bills your Anthropic account for what you use; building a small app usually costs a few cents.',
    keyPlaceholder: 'sk-ant-…',
  },
  {
    id: 'google',
    name: 'Google',
    known: 'Gemini',
    keyUrl: 'https://aistudio.google.com/apikey',
    cost: 'Google has a free allowance with limits; use beyond it is billed to your Google account.',
  },
  {
    id: 'openai-compatible',
    name: 'Your own server',
    known: 'LM Studio, Ollama, vLLM, OpenRouter…',
    cost: 'A model on your own computer costs nothing per use; a hosted service bills you as it says.',
  },
];

/** The provider to show first: the first one with something filled in, else OpenAI. */
export function initialProvider(keys: ProviderKeySettings): SettingsProvider {
  if (keys.openai) return 'openai';
  if (keys.anthropic) return 'anthropic';
  if (keys.google) return 'google';
  if (keys.openaiCompatible.baseUrl || keys.openaiCompatible.apiKey) return 'openai-compatible';
  return 'openai';
}
