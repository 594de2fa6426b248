import { baseCss, starterFiles, starterPage } from './shared';
import type { StarterApp } from './starter-app';

const indexHtml = starterPage('Random quote', `    <main class="card">
      <h1>Random quote</h1>
      <p class="subtitle">A new thought every click.</p>
      <figure class="quote" aria-live="polite">
        <blockquote id="quote-text"></blockquote>
        <figcaption id="quote-author"></figcaption>
      </figure>
      <button type="button" id="new-quote">New quote</button>
    </main>
`);

const appJs = `const quotes = [
  ['The best way to get started is to quit talking and begin doing.', 'Walt Disney'],
  ['It always seems impossible until it is done.', 'Nelson Mandela'],
  ['Simplicity is the ultimate sophistication.', 'Leonardo da Vinci'],
  ['Well done is better than well said.', 'Benjamin Franklin'],
  ['Whatever you are, be a good one.', 'Abraham Lincoln'],
  ['The secret of getting ahead is getting started.', 'Mark Twain'],
  ['Quality is not an act, it is a habit.', 'Aristotle'],
  ['What we think, we become.', 'Buddha'],
  ['Little by little, one travels far.', 'J. R. R. Tolkien'],
  ['Act as if what you do makes a difference. It does.', 'William James'],
  ['Nothing will work unless you do.', 'Maya Angelou'],
  ['You miss 100% of the shots you don\\'t take.', 'Wayne Gretzky'],
];
const text = document.getElementById('quote-text');
const author = document.getElementById('quote-author');
let current = -1;

function show() {
  let next = current;
  while (next === current) next = Math.floor(Math.random() * quotes.length);
  current = next;
  text.textContent = '“' + quotes[current][0] + '”';
  author.textContent = '— ' + quotes[current][1];
}

document.getElementById('new-quote').addEventListener('click', show);
show();
`;

const styleCss = `${baseCss}
.quote { margin: 0 0 20px; padding: 20px; border-radius: 14px; background: #ede9fe; }
.quote blockquote { margin: 0 0 10px; font-size: 1.25rem; line-height: 1.5; font-weight: 600; }
.quote figcaption { color: var(--muted); }
#new-quote { width: 100%; }
`;

export const quoteApp: StarterApp = {
  id: 'quote',
  title: 'random quote page',
  description: 'click “New quote” to see another quote, never the same one twice in a row',
  files: starterFiles('random-quote', { indexHtml, styleCss, appJs }),
  check: [
    { action: 'click', target: 'New quote' },
    { action: 'expect_text', target: '#quote-author', value: '—' },
  ],
};
