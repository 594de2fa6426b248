import { baseCss, starterFiles, starterPage } from './shared';
import type { StarterApp } from './starter-app';

const indexHtml = starterPage('Todo list', `    <main class="card">
      <h1>Todo list</h1>
      <p class="subtitle">Write it down, tick it off.</p>
      <form id="new-todo" class="row">
        <input id="todo-text" type="text" placeholder="What needs doing?" autocomplete="off" aria-label="New todo" />
        <button type="submit">Add</button>
      </form>
      <ul id="todo-list" class="todos"></ul>
      <footer class="footer">
        <span id="remaining">Nothing to do</span>
        <div class="filters">
          <button type="button" class="filter active" data-filter="all">All</button>
          <button type="button" class="filter" data-filter="active">Active</button>
          <button type="button" class="filter" data-filter="done">Done</button>
        </div>
      </footer>
    </main>
`);

const appJs = `const storageKey = 'todos';
const form = document.getElementById('new-todo');
const input = document.getElementById('todo-text');
const list = document.getElementById('todo-list');
const remaining = document.getElementById('remaining');
const filterButtons = document.querySelectorAll('.filter');

let todos = load();
let filter = 'all';

function load() {
  try {
    return JSON.parse(localStorage.getItem(storageKey)) || [];
  } catch {
    return [];
  }
}

function save() {
  localStorage.setItem(storageKey, JSON.stringify(todos));
}

function visible(todo) {
  if (filter === 'active') return !todo.done;
  if (filter === 'done') return todo.done;
  return true;
}

function render() {
  list.replaceChildren();
  for (const todo of todos.filter(visible)) {
    const item = document.createElement('li');
    item.className = todo.done ? 'todo done' : 'todo';

    const check = document.createElement('input');
    check.type = 'checkbox';
    check.checked = todo.done;
    check.setAttribute('aria-label', 'Done');
    check.addEventListener('change', () => {
      todo.done = check.checked;
      save();
      render();
    });

    const text = document.createElement('span');
    text.textContent = todo.text;

    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'remove';
    remove.textContent = '×';
    remove.setAttribute('aria-label', 'Delete ' + todo.text);
    remove.addEventListener('click', () => {
      todos = todos.filter((t) => t !== todo);
      save();
      render();
    });

    item.append(check, text, remove);
    list.append(item);
  }
  const left = todos.filter((t) => !t.done).length;
  remaining.textContent = todos.length === 0 ? 'Nothing to do' : left === 1 ? '1 item left' : left + ' items left';
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  todos.push({ id: Date.now(), text, done: false });
  input.value = '';
  save();
  render();
});

for (const button of filterButtons) {
  button.addEventListener('click', () => {
    filter = button.dataset.filter;
    filterButtons.forEach((b) => b.classList.toggle('active', b === button));
    render();
  });
}

render();
`;

const styleCss = `${baseCss}
.row { display: flex; gap: 8px; }

.todos { list-style: none; margin: 18px 0; padding: 0; display: grid; gap: 8px; }
.todo {
  display: flex;
  align-items: center;
  gap: 10px;
  padding: 10px 12px;
  border: 1px solid var(--line);
  border-radius: 12px;
}
.todo span { flex: 1; overflow-wrap: anywhere; }
.todo.done span { color: var(--muted); text-decoration: line-through; }
.todo input { width: 18px; height: 18px; accent-color: var(--accent); }
.remove { background: transparent; color: var(--muted); padding: 2px 8px; font-size: 1.2rem; }
.remove:hover { color: #dc2626; }

.footer { display: flex; justify-content: space-between; align-items: center; color: var(--muted); font-size: 0.9rem; }
.filters { display: flex; gap: 4px; }
.filter { background: transparent; color: var(--muted); padding: 6px 10px; }
.filter.active { background: #ede9fe; color: var(--accent); }
`;

export const todoApp: StarterApp = {
  id: 'todo',
  title: 'todo list',
  description: 'add items, tick them off, filter them, and they are kept in the browser between visits',
  files: starterFiles('todo-list', { indexHtml, styleCss, appJs }),
  check: [
    { action: 'click', target: 'Active' },
    { action: 'click', target: 'All' },
    { action: 'expect_text', value: 'Write it down, tick it off.' },
  ],
};
