/**
 * The ideas the home page offers, each one a starter app the offline demo really builds. Kept apart from the
 * starters' files so the home page can list them without shipping the apps.
 */
export const starterIdeas = [
  { id: 'todo', idea: 'A todo list that remembers my tasks', name: 'Todo list' },
  { id: 'counter', idea: 'A counter with + and − buttons', name: 'Counter' },
  { id: 'snake', idea: 'A snake game', name: 'Snake game' },
  { id: 'guess', idea: 'A guess-the-number game', name: 'Guess the number' },
  { id: 'tip', idea: 'A tip calculator', name: 'Tip calculator' },
  { id: 'pomodoro', idea: 'A pomodoro timer with a start and pause button', name: 'Pomodoro timer' },
  { id: 'quote', idea: 'A page that shows a random quote each time I click', name: 'Random quote' },
] as const;

export type StarterAppId = (typeof starterIdeas)[number]['id'];

/** The project name for a prompt that is one of the ideas as offered; null for anything the person wrote. */
export function starterIdeaName(prompt: string): string | null {
  const text = prompt.trim().toLowerCase();
  return starterIdeas.find((idea) => idea.idea.toLowerCase() === text)?.name ?? null;
}
