// Flagship path, warm: submit a prompt on the home page → a Vite + React + Tailwind 4 app (seven files in one step,
// `npm install` in the foreground, `npm run dev` in the background; fake model `vite-tailwind`, no pauses) renders in
// the preview. Beside it, in the same run on the same package cache, the same files by hand: `npm install`, then Vite
// answering, then the page opened in Chromium until the app shows. Budget: Tabsmith ≤ 1.25× by hand (medians).
// Prints the timeline of the median run.
import { VITE_TAILWIND_HEADING, viteTailwindFiles } from '../e2e/fake-llm/scenarios/vite-tailwind';
import { HomePage } from '../e2e/pages/home';
import { printRows } from './report';
import { longTasksBetween, openBenchBrowser } from './support/browser';
import { installAndRenderByHand, type ByHandTimes } from './support/by-hand';
import { profilePage } from './support/cpu-profile';
import { APP_HEADING, appHeading } from './support/first-seen';
import { appStartMarks, formatPhases, median, phasesBetween, TimelineRecorder, type Phase } from './support/timeline';

const ROUNDS = Number(process.env.BENCH_FLAGSHIP_ROUNDS ?? 3);
const BUDGET = 1.25;
/** A fast typist: about 400 characters a minute. */
const TYPING_DELAY_MS = 30;
const EDITOR = 'editor';
const PROMPT = 'Build me a plant watering planner with Vite, React and Tailwind [scenario:vite-tailwind]';

interface TabsmithRun {
  totalMs: number;
  events: string[];
  phases: Phase[];
  monacoMs: number | null;
  runtimeMs: number | null;
  /** Submit → `npm install` sent: all of our own work before the install, untouched by the registry's speed. */
  beforeInstallMs: number | null;
  /** `npm install` spawned → exited, to set beside the same install by hand in the same round. */
  installMs: number | null;
}

async function runTabsmith(): Promise<TabsmithRun> {
  const { page, firstSeen, close } = await openBenchBrowser({
    ...appHeading(VITE_TAILWIND_HEADING, { inFrame: true }),
    [EDITOR]: { selector: '.monaco-editor' },
  });
  try {
    const home = new HomePage(page);
    await home.goto();
    const timeline = new TimelineRecorder(page);
    // The clock starts at submit; before it the home page is open while the person types, as it always is.
    await home.prompt.pressSequentially(PROMPT, { delay: TYPING_DELAY_MS });
    const stopProfile = await profilePage(page, 'flagship');
    const submitted = Date.now();
    timeline.mark('submitted', submitted);
    await home.prompt.press('Enter');
    await page.waitForURL(/\/p\/[a-z0-9]+$/);
    timeline.mark('workbench url');
    void firstSeen
      .when(EDITOR, 120_000)
      .then((at) => timeline.mark('monaco shown', at))
      .catch(() => {});
    const rendered = await firstSeen.when(APP_HEADING, 180_000).catch(async (error: unknown) => {
      const frame = page.frames().find((f) => f.parentFrame() !== null);
      const shown = await frame?.evaluate(() => document.body?.innerText ?? '').catch(() => '(unreadable)');
      console.error(`The preview never showed the app: frame ${frame?.url() ?? 'missing'} shows ${JSON.stringify(shown?.slice(0, 500))}`);
      console.error(timeline.events.map((e) => `${e.at - submitted} ms ${e.name}`).join('\n'));
      throw error;
    });
    timeline.mark('rendered', rendered);
    await stopProfile();
    // The workbench's own long tasks, on the same clock: a blocked main thread holds up the agent's tool calls.
    const origin = await page.evaluate(() => performance.timeOrigin);
    for (const task of await longTasksBetween(page, 0)) timeline.mark(`long task ${Math.round(task.duration)} ms`, Math.round(origin + task.start));
    timeline.events.sort((a, b) => a.at - b.at);

    const phases = phasesBetween([
      { name: 'submitted', at: submitted },
      { name: 'project creation (home → workbench url)', at: timeline.first('workbench url') },
      { name: 'workbench load → first /api/chat request', at: timeline.first('chat request sent') },
      { name: 'first request → response headers', at: timeline.first('chat response headers') },
      { name: 'step streamed and read (fake model: instant)', at: timeline.first('chat response finished') },
      { name: 'tool calls: 7 writes, file sync → npm install sent', at: timeline.first('spawn sent: npm install') },
      ...appStartMarks(timeline, rendered),
    ]);
    const monaco = timeline.first('monaco shown');
    const runtime = timeline.first('runtime connected');
    const installSent = timeline.first('spawn sent: npm install');
    const installSpawned = timeline.first('spawned: npm install');
    const installExit = timeline.first('exit: npm install');
    return {
      totalMs: rendered - submitted,
      events: timeline.events.map((e) => `${String(e.at - submitted).padStart(6)} ms  ${e.name}`),
      phases,
      monacoMs: monaco === undefined ? null : monaco - submitted,
      runtimeMs: runtime === undefined ? null : runtime - submitted,
      beforeInstallMs: installSent === undefined ? null : installSent - submitted,
      installMs: installSpawned === undefined || installExit === undefined ? null : installExit - installSpawned,
    };
  } finally {
    await close();
  }
}

// A developer's browser is already open; each round opens the new dev server's page in it.
const handBrowser = await openBenchBrowser(appHeading(VITE_TAILWIND_HEADING, { inFrame: false }));
const byHand = () => installAndRenderByHand(viteTailwindFiles, handBrowser.page, handBrowser.firstSeen);

// Warm-up: fills the package cache, Next's route caches and the sandbox's first start; not counted.
await byHand();
await runTabsmith();

const hand: ByHandTimes[] = [];
const tabsmith: TabsmithRun[] = [];
for (let round = 0; round < ROUNDS; round++) {
  hand.push(await byHand());
  tabsmith.push(await runTabsmith());
}

const handMs = median(hand.map((h) => h.totalMs));
const ourMs = median(tabsmith.map((t) => t.totalMs));
const ratio = ourMs / handMs;
const medianRun = [...tabsmith].sort((a, b) => a.totalMs - b.totalMs)[Math.floor(tabsmith.length / 2)];

console.error(
  formatPhases(`Flagship timeline, median run of ${ROUNDS} (submit → rendered)`, medianRun.phases) +
    `\n  alongside: runtime connected at ${medianRun.runtimeMs ?? '–'} ms, Monaco shown at ${medianRun.monacoMs ?? '–'} ms` +
    `\n  by hand (median): npm install ${Math.round(median(hand.map((h) => h.installMs)))} ms, vite → page answered ${Math.round(median(hand.map((h) => h.serveMs)))} ms, page opened → rendered ${Math.round(median(hand.map((h) => h.renderMs)))} ms` +
    `\n  submit → npm install sent (median): ${Math.round(median(tabsmith.flatMap((t) => (t.beforeInstallMs === null ? [] : [t.beforeInstallMs]))))} ms` +
    `\n  npm install per round: Tabsmith ${tabsmith.map((t) => t.installMs ?? '–').join(', ')} ms; by hand ${hand.map((h) => Math.round(h.installMs)).join(', ')} ms` +
    `\n  runs: Tabsmith ${tabsmith.map((t) => Math.round(t.totalMs)).join(', ')} ms; by hand ${hand.map((h) => Math.round(h.totalMs)).join(', ')} ms`,
);
// Every recorded event of the median run, for finding where a phase's time goes.
if (process.env.BENCH_TIMELINE_EVENTS) console.error(medianRun.events.join('\n'));
await handBrowser.close();
printRows([
  {
    measure: `Flagship: prompt → Vite + React + Tailwind app rendered vs by hand (npm install, npm run dev, the page opened in Chromium until rendered), median of ${ROUNDS}, warm`,
    figure: `${ratio.toFixed(2)}× (${(ourMs / 1000).toFixed(2)} s vs ${(handMs / 1000).toFixed(2)} s)`,
    budget: `≤ ${BUDGET}×`,
    ok: ratio <= BUDGET,
  },
]);
