import type { RuntimeProcess } from '../types';
import { Listeners } from './listeners';
import type { WebContainerProcessLike } from './webcontainer-api';

/** Output that arrives before anyone listens is kept (up to this many characters) for the first listener. */
const UNHEARD_OUTPUT_LIMIT = 256 * 1024;
/** How long the trailing output may take to drain after the exit code is known. */
const OUTPUT_DRAIN_MS = 250;
/** A killed process whose exit never settles is reported as ended after this long. */
const KILL_GRACE_MS = 2000;
const KILLED_EXIT_CODE = 137;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function wrapWebContainerProcess(id: string, command: string, process: WebContainerProcessLike): RuntimeProcess {
  const listeners = new Listeners<string>();
  let unheard: string[] = [];
  let unheardLength = 0;

  const emit = (chunk: string) => {
    if (listeners.size > 0) {
      listeners.emit(chunk);
      return;
    }
    unheard.push(chunk);
    unheardLength += chunk.length;
    while (unheardLength > UNHEARD_OUTPUT_LIMIT && unheard.length > 1) {
      unheardLength -= (unheard.shift() as string).length;
    }
  };

  const outputDone = (async () => {
    const reader = process.output.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        if (value) emit(value);
      }
    } catch {
      // The stream errors when the container is torn down; the exit code still tells the story.
    }
  })();

  let forceExit: ((code: number) => void) | null = null;
  const forced = new Promise<number>((resolve) => {
    forceExit = resolve;
  });
  const exit = Promise.race([
    process.exit.then(
      async (code) => {
        await Promise.race([outputDone, delay(OUTPUT_DRAIN_MS)]);
        return code;
      },
      () => 1,
    ),
    forced,
  ]);

  let writer: WritableStreamDefaultWriter<string> | null = null;

  return {
    id,
    command,
    exit,
    onOutput(listener) {
      const off = listeners.add(listener);
      if (unheard.length > 0) {
        const backlog = unheard.join('');
        unheard = [];
        unheardLength = 0;
        listener(backlog);
      }
      return off;
    },
    write(input) {
      writer ??= process.input.getWriter();
      writer.write(input).catch(() => {
        // Input to a process that has ended goes nowhere, as on a real terminal.
      });
    },
    resize(cols, rows) {
      process.resize({ cols, rows });
    },
    async kill() {
      try {
        process.kill();
      } catch {
        // Already gone.
      }
      const timer = setTimeout(() => forceExit?.(KILLED_EXIT_CODE), KILL_GRACE_MS);
      await exit;
      clearTimeout(timer);
    },
  };
}
