import type { Scenario } from './scenario';

export interface ChatCompletionMessage {
  role: string;
  content?: string | { type: string; text?: string }[] | null;
}

export function messageText(message: ChatCompletionMessage): string {
  const { content } = message;
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (part.type === 'text' ? (part.text ?? '') : '')).join(' ');
  return '';
}

const tagPattern = /\[scenario:([\w-]+)\]/i;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Tag in the last user message wins, then a tag in any earlier user message, then the forced scenario,
 * then keywords in the first user message.
 */
export function selectScenario(
  messages: ChatCompletionMessage[],
  scenarios: Scenario[],
  forced: string | null,
): Scenario | null {
  const byName = (name: string) => scenarios.find((s) => s.name === name.toLowerCase()) ?? null;
  const userTexts = messages.filter((m) => m.role === 'user').map(messageText);
  for (const text of [...userTexts].reverse()) {
    const tag = tagPattern.exec(text);
    if (tag) return byName(tag[1]);
  }
  if (forced) return byName(forced);
  const first = userTexts[0] ?? '';
  return (
    scenarios.find((s) => s.keywords?.some((k) => new RegExp(`\\b${escapeRegExp(k)}\\b`, 'i').test(first))) ?? null
  );
}

/** The step to replay: how many assistant turns already followed the last user message. */
export function stepIndexOf(messages: ChatCompletionMessage[]): number {
  let lastUser = -1;
  messages.forEach((m, i) => {
    if (m.role === 'user') lastUser = i;
  });
  return messages.slice(lastUser + 1).filter((m) => m.role === 'assistant').length;
}
