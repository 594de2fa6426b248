import { cleanTerminalOutput, omissionNote, OutputBuffer, tailText } from '../../runtime/output';
import type { PortEvent, Runtime, RuntimeProcess } from '../../runtime/types';
import { resolveToolLimits, type ToolContext, type ToolLimits } from '../tool-context';
import type { BackgroundCommandOutput, ForegroundCommandOutput, RunCommandOutput } from '../tool-outputs';
import { ToolError } from '../tool-results';
import type { ToolInput } from '../tool-schemas';

/** A process that ignores kill still must not hold the agent forever. */
const KILL_WAIT_MS = 3000;
const MAX_TIMEOUT_SECONDS = 30 * 60;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Output buffered with headroom, because colour codes and progress redraws shrink when cleaned. */
function collectOutput(process: RuntimeProcess, limits: ToolLimits): { buffer: OutputBuffer; stop: () => void } {
  const buffer = new OutputBuffer(limits.outputMaxChars * 4);
  const stop = process.onOutput((chunk) => buffer.append(chunk));
  return { buffer, stop };
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

async function runForeground(
  process: RuntimeProcess,
  timeoutSeconds: number,
  ctx: ToolContext,
  limits: ToolLimits,
): Promise<ForegroundCommandOutput> {
  const startedAt = Date.now();
  const { buffer, stop } = collectOutput(process, limits);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  try {
    const outcome = await new Promise<{ kind: 'exit'; code: number } | { kind: 'timeout' } | { kind: 'abort' }>(
      (resolve) => {
        process.exit.then(
          (code) => resolve({ kind: 'exit', code }),
          () => resolve({ kind: 'exit', code: 1 }),
        );
        timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutSeconds * 1000);
        onAbort = () => resolve({ kind: 'abort' });
        if (ctx.signal.aborted) onAbort();
        else ctx.signal.addEventListener('abort', onAbort, { once: true });
      },
    );

    if (outcome.kind === 'exit') {
      // Output chunks queued in the same tick as the exit still belong to this command.
      await new Promise((resolve) => setTimeout(resolve, 0));
      return {
        background: false,
        exit_code: outcome.code,
        output: formatOutput(buffer, limits.outputMaxChars),
        duration_ms: Date.now() - startedAt,
        timed_out: false,
      };
    }

    await killQuietly(process);
    const duration_ms = Date.now() - startedAt;
    if (outcome.kind === 'timeout') {
      return {
        background: false,
        exit_code: null,
        output: formatOutput(buffer, limits.outputMaxChars),
        duration_ms,
        timed_out: true,
        note: `The command was still running after ${timeoutSeconds} s and was stopped. For dev servers and other long-running processes use background: true; otherwise raise timeout_seconds.`,
      };
    }
    return {
      background: false,
      exit_code: null,
      output: formatOutput(buffer, limits.outputMaxChars),
      duration_ms,
      timed_out: false,
      note: 'The user pressed Stop, so the command was ended before it finished.',
    };
  } finally {
    clearTimeout(timer);
    if (onAbort) ctx.signal.removeEventListener('abort', onAbort);
    stop();
  }
}

function openPortNumbers(runtime: Runtime): Set<number> {
  return new Set(runtime.openPorts().filter((event) => event.open).map((event) => event.port));
}

async function runBackground(
  process: RuntimeProcess,
  runtime: Runtime,
  portsBefore: Set<number>,
  ctx: ToolContext,
  limits: ToolLimits,
): Promise<BackgroundCommandOutput> {
  const { buffer, stop } = collectOutput(process, limits);
  const newPorts = new Map<number, string>();
  const timers: ReturnType<typeof setTimeout>[] = [];
  const cleanups: (() => void)[] = [stop];
  try {
    const outcome = await new Promise<
      { kind: 'exit'; code: number } | { kind: 'port' } | { kind: 'quiet' } | { kind: 'max-wait' } | { kind: 'abort' }
    >((resolve) => {
      process.exit.then(
        (code) => resolve({ kind: 'exit', code }),
        () => resolve({ kind: 'exit', code: 1 }),
      );
      let quietTimer: ReturnType<typeof setTimeout> | undefined;
      cleanups.push(() => clearTimeout(quietTimer));
      cleanups.push(
        process.onOutput(() => {
          clearTimeout(quietTimer);
          quietTimer = setTimeout(() => resolve({ kind: 'quiet' }), limits.backgroundQuietMs);
        }),
      );
      cleanups.push(
        runtime.onPort((event: PortEvent) => {
          if (!event.open) {
            portsBefore.delete(event.port);
            newPorts.delete(event.port);
            return;
          }
          if (portsBefore.has(event.port)) return;
          newPorts.set(event.port, event.url);
          resolve({ kind: 'port' });
        }),
      );
      // A port that opened between spawn and subscribing would otherwise be missed.
      for (const event of runtime.openPorts()) {
        if (event.open && !portsBefore.has(event.port)) {
          newPorts.set(event.port, event.url);
          resolve({ kind: 'port' });
        }
      }
      timers.push(setTimeout(() => resolve({ kind: 'max-wait' }), limits.backgroundMaxWaitMs));
      const onAbort = () => resolve({ kind: 'abort' });
      if (ctx.signal.aborted) onAbort();
      else {
        ctx.signal.addEventListener('abort', onAbort, { once: true });
        cleanups.push(() => ctx.signal.removeEventListener('abort', onAbort));
      }
    });

    if (outcome.kind === 'exit') await new Promise((resolve) => setTimeout(resolve, 0));
    const output = formatOutput(buffer, limits.outputMaxChars);
    if (outcome.kind === 'exit') {
      return {
        background: true,
        started: false,
        exit_code: outcome.code,
        output,
        ports: [],
        note: `The process ended while starting (exit code ${outcome.code}). Read the output, fix the cause and start it again.`,
      };
    }
    const ports = [...newPorts.keys()].sort((a, b) => a - b);
    const result: BackgroundCommandOutput = {
      background: true,
      started: true,
      output,
      ports,
      urls: ports.map((port) => newPorts.get(port) ?? ''),
    };
    if (ports.length === 0) {
      result.note =
        outcome.kind === 'abort'
          ? 'The user pressed Stop while the process was starting; it keeps running in the background.'
          : 'The process is running in the background but has not opened a port yet. If it is a web server, read its output and call check_preview.';
    }
    return result;
  } finally {
    timers.forEach(clearTimeout);
    cleanups.forEach((cleanup) => cleanup());
  }
}

export async function runCommandTool(input: ToolInput<'run_command'>, ctx: ToolContext): Promise<RunCommandOutput> {
  const runtime = ctx.runtime;
  if (!runtime) {
    throw new ToolError(
      'No runtime is running, so commands cannot run. Tell the user to start the runtime (its status is shown above the terminal); file changes still work.',
    );
  }
  const command = input.command.trim();
  if (command === '') throw new ToolError('command is empty. Give the shell command to run, e.g. npm install.');
  if (ctx.signal.aborted) throw new ToolError('The user pressed Stop, so the command was not started.');

  const limits = resolveToolLimits(ctx.limits);
  const background = input.background === true;
  const portsBefore = openPortNumbers(runtime);

  let process: RuntimeProcess;
  try {
    process = await runtime.spawn(command);
  } catch (error) {
    throw new ToolError(`The command could not start: ${errorMessage(error)}`);
  }
  try {
    ctx.hooks?.onCommandStart?.({ id: process.id, command, process, background });
  } catch {
    // The terminal failing to show the command must not fail the command itself.
  }

  if (background) return runBackground(process, runtime, portsBefore, ctx, limits);
  const timeoutSeconds = Math.min(input.timeout_seconds ?? limits.defaultTimeoutSeconds, MAX_TIMEOUT_SECONDS);
  return runForeground(process, timeoutSeconds, ctx, limits);
}
