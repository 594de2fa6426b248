import { baseCss, starterFiles, starterPage } from './shared';
import type { StarterApp } from './starter-app';

const indexHtml = starterPage('Guess the number', `    <main class="card">
      <h1>Guess the number</h1>
      <p class="subtitle">I'm thinking of a number from 1 to 100.</p>
      <form id="guess-form" class="row">
        <input id="guess" type="number" min="1" max="100" placeholder="Your guess" aria-label="Your guess" />
        <button type="submit">Guess</button>
      </form>
      <p id="feedback" class="feedback" aria-live="polite">Good luck!</p>
      <ol id="history" class="history"></ol>
      <footer class="footer">
        <span id="best">No best score yet</span>
        <button type="button" id="new-game" class="secondary">New game</button>
      </footer>
    </main>
`);

const appJs = `const form = document.getElementById('guess-form');
const input = document.getElementById('guess');
const feedback = document.getElementById('feedback');
const history = document.getElementById('history');
const best = document.getElementById('best');

let secret;
let guesses;
let finished;

function newGame() {
  secret = 1 + Math.floor(Math.random() * 100);
  guesses = [];
  finished = false;
  history.replaceChildren();
  feedback.textContent = 'Good luck!';
  feedback.className = 'feedback';
  input.disabled = false;
  input.value = '';
  input.focus();
  showBest();
}

function showBest() {
  const score = Number(localStorage.getItem('best-score'));
  best.textContent = score ? 'Best: ' + score + ' guesses' : 'No best score yet';
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (finished) return;
  const guess = Number(input.value);
  if (!Number.isInteger(guess) || guess < 1 || guess > 100) {
    feedback.textContent = 'Pick a whole number from 1 to 100.';
    feedback.className = 'feedback warn';
    return;
  }
  guesses.push(guess);
  const item = document.createElement('li');
  if (guess === secret) {
    finished = true;
    feedback.textContent = 'You got it in ' + guesses.length + (guesses.length === 1 ? ' guess!' : ' guesses!');
    feedback.className = 'feedback win';
    item.textContent = guess + ' ✓';
    input.disabled = true;
    const previous = Number(localStorage.getItem('best-score'));
    if (!previous || guesses.length < previous) localStorage.setItem('best-score', String(guesses.length));
    showBest();
  } else {
    const hint = guess < secret ? 'higher' : 'lower';
    feedback.textContent = guess + ' is too ' + (hint === 'higher' ? 'low' : 'high') + '. Go ' + hint + '!';
    feedback.className = 'feedback';
    item.textContent = guess + (hint === 'higher' ? ' ↑' : ' ↓');
  }
  history.append(item);
  input.value = '';
  input.focus();
});

document.getElementById('new-game').addEventListener('click', newGame);

newGame();
`;

const styleCss = `${baseCss}
.row { display: flex; gap: 8px; }
.feedback { margin: 18px 0 10px; font-size: 1.15rem; font-weight: 600; }
.feedback.win { color: #059669; }
.feedback.warn { color: #d97706; }
.history { display: flex; flex-wrap: wrap; gap: 6px; margin: 0 0 18px; padding: 0; list-style: none; }
.history li { padding: 4px 10px; border-radius: 999px; background: #ede9fe; color: var(--accent); font-variant-numeric: tabular-nums; }
.footer { display: flex; justify-content: space-between; align-items: center; color: var(--muted); font-size: 0.9rem; }
`;

export const guessApp: StarterApp = {
  id: 'guess',
  title: 'guess-the-number game',
  description: 'guess a secret number from 1 to 100 with higher/lower hints, and your best score is remembered',
  files: starterFiles('guess-the-number', { indexHtml, styleCss, appJs }),
  check: [
    { action: 'fill', target: 'Your guess', value: '50' },
    { action: 'click', target: 'Guess' },
    { action: 'expect_text', target: '#history', value: '50' },
  ],
};
