import { baseCss, starterFiles, starterPage } from './shared';
import type { StarterApp } from './starter-app';

const indexHtml = starterPage('Counter', `    <main class="card center">
      <h1>Counter</h1>
      <p class="subtitle">Click to count. Keys: + and − work too.</p>
      <output id="count" class="count" aria-live="polite">0</output>
      <div class="buttons">
        <button type="button" id="decrement" class="secondary" aria-label="Decrease">−</button>
        <button type="button" id="increment" aria-label="Increase">+</button>
      </div>
      <button type="button" id="reset" class="link">Reset</button>
    </main>
`);

const appJs = `const output = document.getElementById('count');
let count = Number(localStorage.getItem('count')) || 0;

function show() {
  output.textContent = String(count);
  output.classList.toggle('negative', count < 0);
  localStorage.setItem('count', String(count));
}

function change(by) {
  count += by;
  output.classList.remove('bump');
  void output.offsetWidth;
  output.classList.add('bump');
  show();
}

document.getElementById('increment').addEventListener('click', () => change(1));
document.getElementById('decrement').addEventListener('click', () => change(-1));
document.getElementById('reset').addEventListener('click', () => {
  count = 0;
  show();
});

document.addEventListener('keydown', (event) => {
  if (event.key === '+' || event.key === '=' || event.key === 'ArrowUp') change(1);
  if (event.key === '-' || event.key === 'ArrowDown') change(-1);
});

show();
`;

const styleCss = `${baseCss}
.center { text-align: center; }
.count {
  display: block;
  margin: 12px 0 24px;
  font-size: 5rem;
  font-weight: 800;
  font-variant-numeric: tabular-nums;
  color: var(--accent);
}
.count.negative { color: #dc2626; }
.count.bump { animation: bump 0.18s ease; }
@keyframes bump { 50% { transform: scale(1.12); } }
.buttons { display: flex; justify-content: center; gap: 12px; }
.buttons button { width: 72px; height: 56px; font-size: 1.8rem; }
.link { margin-top: 16px; background: transparent; color: var(--muted); text-decoration: underline; }
`;

export const counterApp: StarterApp = {
  id: 'counter',
  title: 'counter',
  description: 'click + and − (or press the keys) to count, and the count is kept between visits',
  files: starterFiles('counter', { indexHtml, styleCss, appJs }),
  check: [
    { action: 'click', target: 'Increase' },
    { action: 'click', target: 'Decrease' },
    { action: 'expect_text', value: 'Click to count.' },
  ],
};
