import { baseCss, starterFiles, starterPage } from './shared';
import type { StarterApp } from './starter-app';

const indexHtml = starterPage('Snake', `    <main class="card center">
      <h1>Snake</h1>
      <p class="subtitle">Eat the apples, don't bite your tail. Arrow keys or the buttons steer.</p>
      <div class="scores">
        <span>Score: <strong id="score">0</strong></span>
        <span>Best: <strong id="best">0</strong></span>
      </div>
      <canvas id="board" width="320" height="320" aria-label="Snake board"></canvas>
      <p id="message" class="message" aria-live="polite">Press Start to play</p>
      <div class="pad">
        <button type="button" data-dir="up" aria-label="Up">▲</button>
        <button type="button" data-dir="left" aria-label="Left">◀</button>
        <button type="button" id="start">Start</button>
        <button type="button" data-dir="right" aria-label="Right">▶</button>
        <button type="button" data-dir="down" aria-label="Down">▼</button>
      </div>
    </main>
`);

const appJs = `const board = document.getElementById('board');
const context = board.getContext('2d');
const scoreText = document.getElementById('score');
const bestText = document.getElementById('best');
const message = document.getElementById('message');
const startButton = document.getElementById('start');

const CELLS = 16;
const SIZE = board.width / CELLS;
const directions = { up: [0, -1], down: [0, 1], left: [-1, 0], right: [1, 0] };

let snake;
let direction;
let nextDirection;
let apple;
let score;
let timer = null;

bestText.textContent = localStorage.getItem('snake-best') || '0';

function placeApple() {
  do {
    apple = [Math.floor(Math.random() * CELLS), Math.floor(Math.random() * CELLS)];
  } while (snake.some(([x, y]) => x === apple[0] && y === apple[1]));
}

function draw() {
  context.fillStyle = '#f5f3ff';
  context.fillRect(0, 0, board.width, board.height);
  context.fillStyle = '#ef4444';
  context.beginPath();
  context.arc((apple[0] + 0.5) * SIZE, (apple[1] + 0.5) * SIZE, SIZE / 2.6, 0, Math.PI * 2);
  context.fill();
  snake.forEach(([x, y], index) => {
    context.fillStyle = index === 0 ? '#4c1d95' : '#6d4aff';
    context.fillRect(x * SIZE + 1, y * SIZE + 1, SIZE - 2, SIZE - 2);
  });
}

function start() {
  snake = [[8, 8], [7, 8], [6, 8]];
  direction = 'right';
  nextDirection = 'right';
  score = 0;
  scoreText.textContent = '0';
  message.textContent = 'Go!';
  placeApple();
  draw();
  clearInterval(timer);
  timer = setInterval(step, 140);
  startButton.textContent = 'Restart';
}

function gameOver() {
  clearInterval(timer);
  timer = null;
  message.textContent = 'Game over! You scored ' + score + '.';
  if (score > Number(bestText.textContent)) {
    bestText.textContent = String(score);
    localStorage.setItem('snake-best', String(score));
  }
}

function step() {
  direction = nextDirection;
  const [dx, dy] = directions[direction];
  const head = [snake[0][0] + dx, snake[0][1] + dy];
  const outside = head[0] < 0 || head[1] < 0 || head[0] >= CELLS || head[1] >= CELLS;
  if (outside || snake.some(([x, y]) => x === head[0] && y === head[1])) return gameOver();
  snake.unshift(head);
  if (head[0] === apple[0] && head[1] === apple[1]) {
    score += 1;
    scoreText.textContent = String(score);
    placeApple();
  } else {
    snake.pop();
  }
  draw();
}

const opposite = { up: 'down', down: 'up', left: 'right', right: 'left' };
function steer(next) {
  if (next && next !== opposite[direction]) nextDirection = next;
}

document.addEventListener('keydown', (event) => {
  const next = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' }[event.key];
  if (!next) return;
  event.preventDefault();
  steer(next);
});
document.querySelectorAll('[data-dir]').forEach((button) => button.addEventListener('click', () => steer(button.dataset.dir)));
startButton.addEventListener('click', start);

snake = [[8, 8], [7, 8], [6, 8]];
direction = 'right';
placeApple();
draw();
`;

const styleCss = `${baseCss}
.center { text-align: center; }
.scores { display: flex; justify-content: space-between; margin-bottom: 10px; color: var(--muted); }
#board { width: 100%; max-width: 320px; aspect-ratio: 1; border-radius: 12px; border: 1px solid var(--line); }
.message { min-height: 1.5em; font-weight: 600; }
.pad { display: grid; grid-template-columns: repeat(3, 64px); grid-template-areas: '. up .' 'left start right' '. down .'; gap: 6px; justify-content: center; }
.pad [data-dir='up'] { grid-area: up; }
.pad [data-dir='down'] { grid-area: down; }
.pad [data-dir='left'] { grid-area: left; }
.pad [data-dir='right'] { grid-area: right; }
.pad #start { grid-area: start; padding: 10px 0; }
`;

export const snakeApp: StarterApp = {
  id: 'snake',
  title: 'snake game',
  description: 'steer the snake with the arrow keys or the buttons, eat apples to grow, and your best score is remembered',
  files: starterFiles('snake-game', { indexHtml, styleCss, appJs }),
  check: [{ action: 'expect_text', target: '#message', value: 'Press Start to play' }],
};
