import { z } from 'zod';
import { cleanTerminalOutput, omissionNote, OutputBuffer, tailText } from '../../runtime/output';
import type { PortEvent, Runtime, RuntimeProcess } from '../../runtime/types';
import { detectPrompt, nonInteractiveHint } from '../prompt-detect';
import { resolveToolLimits, type ToolContext, type ToolLimits } from '../tool-context';
import type { BackgroundCommandOutput, RunCommandOutput } from '../tool-outputs';
import { ToolError } from '../tool-results';
import { defineTool } from './agent-tool';

/** A process that ignores kill still must not hold the agent forever. */
const KILL_WAIT_MS = 3000;
const MAX_TIMEOUT_SECONDS = 30 * 60;
/** Output of an already running process shown when the same command is asked for again. */
const RUNNING_OUTPUT_CHARS = 2000;

/**
 * Agent commands run as in CI: nobody can answer a question, so tools that would ask pick their
 * defaults (npx installs without "Ok to proceed?"), and stdin is closed.
 */
export const NON_INTERACTIVE_ENV: Readonly<Record<string, string>> = { CI: '1', npm_config_yes: 'true' };

const inputSchema = z.object({
  command: z.string(),
  background: z.boolean().optional().describe('true for dev servers and other long-running processes'),
  timeout_seconds: z.number().positive().optional(),
});

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function formatOutput(buffer: OutputBuffer, maxChars: number): string {
  const cleaned = cleanTerminalOutput(buffer.text());
  const tail = tailText(cleaned, maxChars);
  const droppedChars = buffer.totalChars - buffer.text().length;
  const note = omissionNote(buffer.droppedLines + tail.omittedLines, droppedChars + tail.omittedChars);
  return note ? `${note}\n${tail.text}` : tail.text;
}

async function killQuietly(process: RuntimeProcess): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      process.kill().catch(() => undefined),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, KILL_WAIT_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function openPortNumbers(runtime: Runtime): Set<number> {
  return new Set(runtime.openPorts().filter((event) => event.open).map((event) => event.port));
}

type Outcome =
  | { kind: 'exit'; code: number }
  | { kind: 'port' }
  | { kind: 'prompt'; prompt: string }
  | { kind: 'quiet' }
  | { kind: 'timeout' }
  | { kind: 'abort' };

interface Watch {
  outcome: Outcome;
  buffer: OutputBuffer;
  /** Ports that opened while the command started, with their preview URLs. */
  ports: Map<number, string>;
}

/**
 * Waits for whatever comes first: the exit, a new port, a prompt nobody can answer, quiet output
 * (background only), the time limit, or Stop. One watcher for both modes, because a foreground
 * command that turns out to be a server must come back as soon as it is one.
 */
async function watchCommand(
  process: RuntimeProcess,
  runtime: Runtime,
  portsBefore: Set<number>,
  ctx: ToolContext,
  limits: ToolLimits,
  options: { background: boolean; timeoutMs: number },
): Promise<Watch> {
  const buffer = new OutputBuffer(limits.outputMaxChars * 4);
  const ports = new Map<number, string>();
  const cleanups: (() => void)[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
    return timer;
  };
  try {
    const outcome = await new Promise<Outcome>((resolve) => {
      let settlingPort = false;
      const portOpened = (event: PortEvent) => {
        ports.set(event.port, event.url);
        if (settlingPort) return;
        settlingPort = true;
        // The server prints its address just after listening; a moment lets that reach the model too.
        later(limits.portSettleMs, () => resolve({ kind: 'port' }));
      };
      process.exit.then(
        (code) => resolve({ kind: 'exit', code }),
        () => resolve({ kind: 'exit', code: 1 }),
      );
      let promptTimer: ReturnType<typeof setTimeout> | undefined;
      let quietTimer: ReturnType<typeof setTimeout> | undefined;
      cleanups.push(
        process.onOutput((chunk) => {
          buffer.append(chunk);
          if (promptTimer) clearTimeout(promptTimer);
          promptTimer = later(limits.promptQuietMs, () => {
            const prompt = settlingPort ? null : detectPrompt(cleanTerminalOutput(buffer.text()));
            if (prompt) resolve({ kind: 'prompt', prompt });
          });
          if (options.background) {
            if (quietTimer) clearTimeout(quietTimer);
            quietTimer = later(limits.backgroundQuietMs, () => resolve({ kind: 'quiet' }));
          }
        }),
      );
      cleanups.push(
        runtime.onPort((event: PortEvent) => {
          if (!event.open) {
            portsBefore.delete(event.port);
            ports.delete(event.port);
            return;
          }
          if (!portsBefore.has(event.port)) portOpened(event);
        }),
      );
      // A port that opened between spawn and subscribing would otherwise be missed.
      for (const event of runtime.openPorts()) if (event.open && !portsBefore.has(event.port)) portOpened(event);
      later(options.timeoutMs, () => resolve({ kind: 'timeout' }));
      const onAbort = () => resolve({ kind: 'abort' });
      if (ctx.signal.aborted) onAbort();
      else {
        ctx.signal.addEventListener('abort', onAbort, { once: true });
        cleanups.push(() => ctx.signal.removeEventListener('abort', onAbort));
      }
    });
    // Output chunks queued in the same tick as the exit still belong to this command.
    if (outcome.kind === 'exit') await new Promise((resolve) => setTimeout(resolve, 0));
    return { outcome, buffer, ports };
  } finally {
    timers.forEach(clearTimeout);
    cleanups.forEach((cleanup) => cleanup());
  }
}

function serverResult(process: RuntimeProcess, output: string, ports: Map<number, string>, note: string): BackgroundCommandOutput {
  const sorted = [...ports.keys()].sort((a, b) => a - b);
  return {
    background: true,
    id: process.id,
    started: true,
    output,
    ports: sorted,
    urls: sorted.map((port) => ports.get(port) ?? ''),
    note,
  };
}

function promptNote(command: string, prompt: string): string {
  return `The command stopped at a prompt and waited for input ("${prompt.split('\n').at(-1)?.trim() ?? prompt}"), which nobody can type here, so it was stopped. ${nonInteractiveHint(command)}`;
}

async function finishForeground(
  process: RuntimeProcess,
  command: string,
  watch: Watch,
  startedAt: number,
  timeoutSeconds: number,
  limits: ToolLimits,
): Promise<RunCommandOutput> {
  const { outcome, buffer } = watch;
  const output = () => formatOutput(buffer, limits.outputMaxChars);
  if (outcome.kind === 'port') {
    const list = [...watch.ports.keys()].join(', ');
    return serverResult(
      process,
      output(),
      watch.ports,
      `The command opened port ${list} and keeps running in the background as process ${process.id}, like background: true (the preview shows it). It reloads changed files by itself; use process_output to read its later output and stop_process to stop it.`,
    );
  }
  if (outcome.kind === 'exit') {
    return {
      background: false,
      id: process.id,
      exit_code: outcome.code,
      output: output(),
      duration_ms: Date.now() - startedAt,
      timed_out: false,
    };
  }
  await killQuietly(process);
  const base = { background: false as const, id: process.id, exit_code: null, output: output(), duration_ms: Date.now() - startedAt };
  if (outcome.kind === 'prompt') {
    return { ...base, timed_out: false, waiting_for_input: true, prompt: outcome.prompt, note: promptNote(command, outcome.prompt) };
  }
  if (outcome.kind === 'timeout') {
    return {
      ...base,
      timed_out: true,
      note: `The command was still running after ${timeoutSeconds} s and was stopped. For dev servers and other long-running processes use background: true; otherwise raise timeout_seconds.`,
    };
  }
  return { ...base, timed_out: false, note: 'The user pressed Stop, so the command was ended before it finished.' };
}

async function finishBackground(process: RuntimeProcess, command: string, watch: Watch, limits: ToolLimits): Promise<BackgroundCommandOutput> {
  const { outcome, buffer } = watch;
  const output = formatOutput(buffer, limits.outputMaxChars);
  if (outcome.kind === 'exit') {
    return {
      background: true,
      id: process.id,
      started: false,
      exit_code: outcome.code,
      output,
      ports: [],
      note: `The process ended while starting (exit code ${outcome.code}). Read the output, fix the cause and start it again.`,
    };
  }
  if (outcome.kind === 'prompt') {
    await killQuietly(process);
    return {
      background: true,
      id: process.id,
      started: false,
      output,
      ports: [],
      waiting_for_input: true,
      prompt: outcome.prompt,
      note: promptNote(command, outcome.prompt),
    };
  }
  const result = serverResult(process, output, watch.ports, '');
  if (result.ports.length > 0) {
    delete result.note;
    return result;
  }
  result.note =
    outcome.kind === 'abort'
      ? 'The user pressed Stop while the process was starting; it keeps running in the background.'
      : `The process is running in the background (id ${process.id}) but has not opened a port yet. If it is a web server, read its output with process_output and call check_preview.`;
  return result;
}

/** The same command is still running: hand back that process instead of starting a second copy. */
function alreadyRunning(process: RuntimeProcess, ctx: ToolContext): BackgroundCommandOutput {
  const registry = ctx.processes!;
  const urls = new Map((ctx.runtime?.openPorts() ?? []).filter((p) => p.open).map((p) => [p.port, p.url] as const));
  const ports = new Map(registry.portsOf(process.id).map((port) => [port, urls.get(port) ?? ''] as const));
  const text = registry.output(process.id) ?? '';
  const tail = tailText(text, RUNNING_OUTPUT_CHARS);
  const note = omissionNote(tail.omittedLines, tail.omittedChars);
  return {
    ...serverResult(
      process,
      note ? `${note}\n${tail.text}` : tail.text,
      ports,
      `"${process.command}" is already running as process ${process.id}, so no second copy was started (it would clash over its port). It picks up file changes by itself. To restart it, call stop_process with id ${process.id} first.`,
    ),
    already_running: true,
  };
}

async function runCommand(input: z.infer<typeof inputSchema>, ctx: ToolContext): Promise<RunCommandOutput> {
  const runtime = ctx.runtime;
  if (!runtime) {
    throw new ToolError(
      `No runtime is running, so commands cannot run. ${ctx.runtimeMissing ?? 'Tell the user to start the runtime (its status is shown above the terminal).'} File changes still work.`,
    );
  }
  const command = input.command.trim();
  if (command === '') throw new ToolError('command is empty. Give the shell command to run, e.g. npm install.');
  if (ctx.signal.aborted) throw new ToolError('The user pressed Stop, so the command was not started.');

  const running = ctx.processes?.findRunning(command);
  if (running) return alreadyRunning(running, ctx);

  const limits = resolveToolLimits(ctx.limits);
  const background = input.background === true;
  const portsBefore = openPortNumbers(runtime);

  let process: RuntimeProcess;
  try {
    process = await runtime.spawn(command, { env: { ...NON_INTERACTIVE_ENV }, stdin: 'closed' });
  } catch (error) {
    throw new ToolError(`The command could not start: ${errorMessage(error)}`);
  }
  ctx.processes?.track(process, 'agent', command);
  try {
    ctx.hooks?.onCommandStart?.({ id: process.id, command, process, background });
  } catch {
    // The terminal failing to show the command must not fail the command itself.
  }

  const startedAt = Date.now();
  const timeoutSeconds = Math.min(input.timeout_seconds ?? limits.defaultTimeoutSeconds, MAX_TIMEOUT_SECONDS);
  const watch = await watchCommand(process, runtime, portsBefore, ctx, limits, {
    background,
    timeoutMs: background ? limits.backgroundMaxWaitMs : timeoutSeconds * 1000,
  });
  return background
    ? finishBackground(process, command, watch, limits)
    : finishForeground(process, command, watch, startedAt, timeoutSeconds, limits);
}

export const runCommandTool = defineTool({
  name: 'run_command',
  description:
    'Run a shell command in the project folder, non-interactively (CI=1, no input: pass answers as flags). Foreground returns exit code and output; a foreground command that opens a port, or any background one (dev servers), returns once a port opens or output goes quiet, with the process id, and keeps running. A command that stops at a prompt comes back at once saying so. Starting a command that is already running returns the running one.',
  inputSchema,
  effect: 'runs',
  execute: runCommand,
});
