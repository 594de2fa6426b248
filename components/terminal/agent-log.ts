import type { AgentCommandEvent } from '@/lib/workbench/session-types';
import { LoopbackUrlRewriter } from '@/lib/workbench/loopback-url-note';
import { commandHeader, exitLine } from './agent-command-lines';
import { TerminalSurface } from './terminal-surface';

/** How long a possibly cut address waits for the rest of its line before it is shown as it is. */
const HELD_TEXT_MS = 100;

/** Writes every command the agent (or the Run button) starts into the agent tab, with its output and exit. */
export class AgentLog {
  readonly surface = new TerminalSurface();
  private unsubscribers: (() => void)[] = [];

  show(event: AgentCommandEvent): void {
    const { surface } = this;
    surface.startLine();
    surface.write(commandHeader(event.command, event.background));
    // "Local: http://localhost:5173/" is inside the runtime; the person's app is in Preview.
    const rewriter = new LoopbackUrlRewriter();
    let quiet: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      clearTimeout(quiet);
      const rest = rewriter.flush();
      if (rest) surface.write(rest);
    };
    this.unsubscribers.push(
      event.process.onOutput((chunk) => {
        surface.write(rewriter.write(chunk));
        clearTimeout(quiet);
        quiet = setTimeout(flush, HELD_TEXT_MS);
      }),
      () => clearTimeout(quiet),
    );
    void event.process.exit.then((code) => {
      flush();
      surface.startLine();
      surface.write(exitLine(code, Date.now() - event.startedAt));
    });
  }

  /** Stops following output; what was written stays. */
  dispose(): void {
    this.unsubscribers.forEach((unsubscribe) => unsubscribe());
    this.unsubscribers = [];
  }
}
