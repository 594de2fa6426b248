// Records when each step of "prompt → running app" happens, from what the browser sends and receives: the chat
// requests, the runtime's file writes and control-channel messages, and the preview frame's requests.
import type { Page, Request, WebSocket } from '@playwright/test';

export interface TimelineEvent {
  at: number;
  name: string;
}

interface ControlMessage {
  type?: string;
  command?: string;
  requestId?: string;
  processId?: string;
  data?: string;
  open?: boolean;
}

function parse(payload: string | Buffer): ControlMessage | null {
  try {
    const value: unknown = JSON.parse(String(payload));
    return typeof value === 'object' && value !== null ? (value as ControlMessage) : null;
  } catch {
    return null;
  }
}

/** BENCH_TIMELINE_REQUESTS=1 marks each request of the preview frame as it finishes: where the app's load goes. */
const PREVIEW_REQUESTS = process.env.BENCH_TIMELINE_REQUESTS === '1';

/** Collects events from the moment it is attached; every `at` is `Date.now()` when Playwright reported it. */
export class TimelineRecorder {
  readonly events: TimelineEvent[] = [];
  private readonly commandOfRequest = new Map<string, string>();
  private readonly commandOfProcess = new Map<string, string>();
  private readonly announced = new Set<string>();

  constructor(private readonly page: Page) {
    page.on('request', (request) => this.onRequest(request));
    page.on('response', (response) => {
      if (this.isChat(response.request())) this.mark('chat response headers');
    });
    page.on('requestfinished', (request) => {
      if (this.isChat(request)) this.mark('chat response finished');
      else if (this.isRuntimeWrite(request)) this.mark('file write finished');
      else if (new URL(request.url()).pathname === '/api/models') this.once('models answered');
      else if (PREVIEW_REQUESTS && request.frame().parentFrame() !== null) this.mark(`preview loaded ${new URL(request.url()).pathname}`);
    });
    page.on('websocket', (socket) => this.onSocket(socket));
  }

  mark(name: string, at = Date.now()): void {
    this.events.push({ at, name });
  }

  /** Marks `name` only the first time. */
  once(name: string, at = Date.now()): void {
    if (this.announced.has(name)) return;
    this.announced.add(name);
    this.mark(name, at);
  }

  first(name: string): number | undefined {
    return this.events.find((e) => e.name === name)?.at;
  }

  last(name: string): number | undefined {
    return this.events.findLast((e) => e.name === name)?.at;
  }

  private isChat(request: Request): boolean {
    return request.method() === 'POST' && new URL(request.url()).pathname === '/api/chat';
  }

  private isRuntimeWrite(request: Request): boolean {
    const { pathname } = new URL(request.url());
    return request.method() !== 'GET' && pathname.startsWith('/api/runtime/projects/');
  }

  private onRequest(request: Request): void {
    if (this.isChat(request)) this.mark('chat request sent');
    else if (new URL(request.url()).pathname === '/api/runtime/info') this.once('runtime info requested');
    else if (new URL(request.url()).pathname === '/api/models') this.once('models requested');
    else if (this.isRuntimeWrite(request)) this.mark('file write sent');
    else if (request.frame().parentFrame() !== null && request.isNavigationRequest()) this.once('preview document requested');
  }

  private onSocket(socket: WebSocket): void {
    if (!new URL(socket.url()).pathname.startsWith('/api/runtime/')) return;
    this.once('runtime socket opened');
    socket.on('framesent', ({ payload }) => {
      const message = parse(payload);
      if (message?.type === 'spawn' && message.requestId && message.command) {
        this.commandOfRequest.set(message.requestId, message.command);
        this.mark(`spawn sent: ${message.command}`);
      }
    });
    socket.on('framereceived', ({ payload }) => {
      const message = parse(payload);
      if (!message) return;
      if (message.type === 'hello') this.once('runtime connected');
      if (message.type === 'spawned' && message.requestId && message.processId) {
        const command = this.commandOfRequest.get(message.requestId);
        if (command) {
          this.commandOfProcess.set(message.processId, command);
          this.mark(`spawned: ${command}`);
        }
      }
      const command = message.processId ? this.commandOfProcess.get(message.processId) : undefined;
      if (message.type === 'output' && command) {
        this.once(`first output: ${command}`);
        // Vite's banner: the dev server is ready to serve.
        if (/ready in/i.test(message.data ?? '')) this.once(`ready: ${command}`);
      }
      if (message.type === 'exit' && command) this.mark(`exit: ${command}`);
      if (message.type === 'port' && message.open) this.once('port open');
    });
  }
}

export interface Phase {
  name: string;
  ms: number;
}

/** Consecutive marks → phases; a missing mark folds its phase into the next one. */
export function phasesBetween(marks: { name: string; at: number | undefined }[]): Phase[] {
  const phases: Phase[] = [];
  let previous = marks[0]?.at;
  let folded: string[] = [];
  for (const mark of marks.slice(1)) {
    if (mark.at === undefined || previous === undefined) {
      folded.push(mark.name);
      continue;
    }
    const name = folded.length > 0 ? `${folded.join(' + ')} + ${mark.name}` : mark.name;
    phases.push({ name, ms: Math.max(0, mark.at - previous) });
    previous = mark.at;
    folded = [];
  }
  return phases;
}

/** One line per phase with its share of the whole, for the bench's own output. */
export function formatPhases(title: string, phases: Phase[]): string {
  const total = phases.reduce((sum, p) => sum + p.ms, 0);
  const width = Math.max(...phases.map((p) => p.name.length));
  const lines = phases.map(
    (p) => `  ${p.name.padEnd(width)}  ${String(Math.round(p.ms)).padStart(6)} ms  ${((p.ms / total) * 100).toFixed(0).padStart(3)} %`,
  );
  return [`${title} (total ${Math.round(total)} ms)`, ...lines].join('\n');
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The marks from "npm install sent" to "rendered": the same for the agent's commands and the Run button's. */
export function appStartMarks(timeline: TimelineRecorder, rendered: number): { name: string; at: number | undefined }[] {
  const install = 'npm install';
  const dev = 'npm run dev';
  return [
    { name: 'sandbox start (spawn sent → spawned)', at: timeline.first(`spawned: ${install}`) },
    { name: 'npm install (spawned → exit)', at: timeline.first(`exit: ${install}`) },
    { name: 'install reported → npm run dev sent', at: timeline.first(`spawn sent: ${dev}`) },
    { name: 'vite start (spawn sent → "ready")', at: timeline.first(`ready: ${dev}`) },
    { name: 'port detection ("ready" → port event)', at: timeline.first('port open') },
    { name: 'preview frame navigates', at: timeline.first('preview document requested') },
    { name: 'proxy and frame load → rendered', at: rendered },
  ];
}
