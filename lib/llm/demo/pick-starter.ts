import { counterApp } from './starters/counter';
import { guessApp } from './starters/guess';
import { pomodoroApp } from './starters/pomodoro';
import { quoteApp } from './starters/quote';
import { snakeApp } from './starters/snake';
import { tipApp } from './starters/tip';
import { todoApp } from './starters/todo';
import type { StarterApp, StarterAppId } from './starters/starter-app';

export const starterApps: Record<StarterAppId, StarterApp> = {
  todo: todoApp,
  counter: counterApp,
  guess: guessApp,
  snake: snakeApp,
  tip: tipApp,
  pomodoro: pomodoroApp,
  quote: quoteApp,
};

const keywords: [StarterAppId, RegExp][] = [
  ['snake', /\bsnakes?\b/i],
  ['tip', /\b(tip|tips|tipping|gratuity|split the bill|bill splitter)\b/i],
  ['pomodoro', /\b(pomodoro|focus timer|timer|countdown)\b/i],
  ['quote', /\b(quotes?|quotation|quotations|sayings?)\b/i],
  ['guess', /\b(guess|guessing|game|games|number game|quiz|puzzle)\b/i],
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
