import { baseCss, starterFiles, starterPage } from './shared';
import type { StarterApp } from './starter-app';

const indexHtml = starterPage('Tip calculator', `    <main class="card">
      <h1>Tip calculator</h1>
      <p class="subtitle">How much to tip, and what everyone pays.</p>
      <label class="field">Bill
        <input id="bill" type="number" min="0" step="0.01" placeholder="0.00" inputmode="decimal" />
      </label>
      <fieldset class="field">
        <legend>Tip</legend>
        <div class="choices" id="tip-choices">
          <button type="button" class="secondary" data-tip="10">10%</button>
          <button type="button" class="secondary" data-tip="15">15%</button>
          <button type="button" data-tip="18">18%</button>
          <button type="button" class="secondary" data-tip="20">20%</button>
          <button type="button" class="secondary" data-tip="25">25%</button>
        </div>
      </fieldset>
      <label class="field">People
        <input id="people" type="number" min="1" step="1" value="1" inputmode="numeric" />
      </label>
      <dl class="result">
        <div><dt>Tip</dt><dd id="tip-amount">0.00</dd></div>
        <div><dt>Total</dt><dd id="total">0.00</dd></div>
        <div><dt>Each person pays</dt><dd id="per-person">0.00</dd></div>
      </dl>
    </main>
`);

const appJs = `const bill = document.getElementById('bill');
const people = document.getElementById('people');
const choices = document.querySelectorAll('[data-tip]');
let percent = 18;

function money(value) {
  return value.toFixed(2);
}

function update() {
  const amount = Math.max(0, Number(bill.value) || 0);
  const count = Math.max(1, Math.floor(Number(people.value) || 1));
  const tip = (amount * percent) / 100;
  document.getElementById('tip-amount').textContent = money(tip);
  document.getElementById('total').textContent = money(amount + tip);
  document.getElementById('per-person').textContent = money((amount + tip) / count);
  choices.forEach((choice) => choice.classList.toggle('secondary', Number(choice.dataset.tip) !== percent));
}

choices.forEach((choice) =>
  choice.addEventListener('click', () => {
    percent = Number(choice.dataset.tip);
    update();
  }),
);
bill.addEventListener('input', update);
people.addEventListener('input', update);
update();
`;

const styleCss = `${baseCss}
.field { display: flex; flex-direction: column; gap: 6px; margin: 0 0 16px; padding: 0; border: 0; color: var(--muted); font-size: 0.9rem; }
.field legend { padding: 0; margin-bottom: 6px; }
.choices { display: flex; flex-wrap: wrap; gap: 6px; }
.choices button { flex: 1; padding: 8px 0; }
.result { margin: 8px 0 0; padding: 16px; border-radius: 14px; background: #ede9fe; }
.result div { display: flex; justify-content: space-between; padding: 4px 0; }
.result dt { color: var(--muted); }
.result dd { margin: 0; font-weight: 700; font-variant-numeric: tabular-nums; }
#per-person { font-size: 1.4rem; color: var(--accent); }
`;

export const tipApp: StarterApp = {
  id: 'tip',
  title: 'tip calculator',
  description: 'type the bill, pick a tip and the number of people, and see the tip, the total and what each person pays',
  files: starterFiles('tip-calculator', { indexHtml, styleCss, appJs }),
  check: [
    { action: 'fill', target: 'Bill', value: '100' },
    { action: 'click', target: '20%' },
    { action: 'expect_text', target: '#total', value: '120.00' },
  ],
};
