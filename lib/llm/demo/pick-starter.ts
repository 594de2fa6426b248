import { counterApp } from './starters/counter';
import { guessApp } from './starters/guess';
import { todoApp } from './starters/todo';
import type { StarterApp, StarterAppId } from './starters/starter-app';

export const starterApps: Record<StarterAppId, StarterApp> = { todo: todoApp, counter: counterApp, guess: guessApp };

const keywords: [StarterAppId, RegExp][] = [
  ['guess', /\b(guess|guessing|game|games|play|number game|quiz|puzzle|snake)\b/i],
  ['counter', /\b(counter|count|counting|tally|clicker|click counter|increment)\b/i],
  ['todo', /\b(todo|to-do|to do|task|tasks|checklist|shopping list|list)\b/i],
];

/** The starter app named by the words, or null when they name none. Earlier matches win ("a game with a counter" is a game). */
export function matchStarterApp(text: string): StarterAppId | null {
  let best: { id: StarterAppId; at: number } | null = null;
  for (const [id, pattern] of keywords) {
    const match = pattern.exec(text);
    if (match && (best === null || match.index < best.at)) best = { id, at: match.index };
  }
  return best?.id ?? null;
}
