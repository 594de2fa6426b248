import { baseCss, starterFiles, starterPage } from './shared';
import type { StarterApp } from './starter-app';

const indexHtml = starterPage('Pomodoro timer', `    <main class="card center">
      <h1>Pomodoro timer</h1>
      <p class="subtitle" id="mode">Focus for 25 minutes</p>
      <output id="time" class="time" aria-live="off">25:00</output>
      <div class="buttons">
        <button type="button" id="start">Start</button>
        <button type="button" id="pause" class="secondary" disabled>Pause</button>
        <button type="button" id="reset" class="secondary">Reset</button>
      </div>
      <p class="done">Focus sessions done today: <strong id="sessions">0</strong></p>
    </main>
`);

const appJs = `const FOCUS = 25 * 60;
const BREAK = 5 * 60;
const time = document.getElementById('time');
const mode = document.getElementById('mode');
const startButton = document.getElementById('start');
const pauseButton = document.getElementById('pause');
const sessions = document.getElementById('sessions');

const today = new Date().toDateString();
const saved = JSON.parse(localStorage.getItem('pomodoro-sessions') || '{}');
let done = saved.day === today ? saved.count : 0;
let focusing = true;
let left = FOCUS;
let timer = null;

function show() {
  const minutes = String(Math.floor(left / 60)).padStart(2, '0');
  const seconds = String(left % 60).padStart(2, '0');
  time.textContent = minutes + ':' + seconds;
  document.title = minutes + ':' + seconds + ' · Pomodoro';
  mode.textContent = focusing ? 'Focus for 25 minutes' : 'Take a 5 minute break';
  sessions.textContent = String(done);
  document.body.classList.toggle('on-break', !focusing);
}

function tick() {
  left -= 1;
  if (left <= 0) {
    if (focusing) {
      done += 1;
      localStorage.setItem('pomodoro-sessions', JSON.stringify({ day: today, count: done }));
    }
    focusing = !focusing;
    left = focusing ? FOCUS : BREAK;
  }
  show();
}

function start() {
  if (timer) return;
  timer = setInterval(tick, 1000);
  startButton.disabled = true;
  pauseButton.disabled = false;
}

function pause() {
  clearInterval(timer);
  timer = null;
  startButton.disabled = false;
  startButton.textContent = 'Resume';
  pauseButton.disabled = true;
}

function reset() {
  pause();
  startButton.textContent = 'Start';
  focusing = true;
  left = FOCUS;
  show();
}

startButton.addEventListener('click', start);
pauseButton.addEventListener('click', pause);
document.getElementById('reset').addEventListener('click', reset);
show();
`;

const styleCss = `${baseCss}
.center { text-align: center; }
.time { display: block; margin: 8px 0 24px; font-size: 4.5rem; font-weight: 800; font-variant-numeric: tabular-nums; color: var(--accent); }
body.on-break .time { color: #059669; }
.buttons { display: flex; justify-content: center; gap: 10px; }
button:disabled { opacity: 0.5; cursor: default; }
.done { margin: 20px 0 0; color: var(--muted); }
`;

export const pomodoroApp: StarterApp = {
  id: 'pomodoro',
  title: 'pomodoro timer',
  description: 'start, pause and reset a 25 minute focus timer with 5 minute breaks, and count the sessions done today',
  files: starterFiles('pomodoro-timer', { indexHtml, styleCss, appJs }),
  check: [
    { action: 'click', target: 'Start' },
    { action: 'click', target: 'Pause' },
    { action: 'click', target: 'Reset' },
    { action: 'expect_text', target: '#time', value: '25:00' },
  ],
};
