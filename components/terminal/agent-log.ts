import type { AgentCommandEvent } from '@/lib/workbench/session-types';
import { commandHeader, exitLine } from './agent-command-lines';
import { TerminalSurface } from './terminal-surface';

/** Writes every command the agent (or the Run button) starts into the agent tab, with its output and exit. */
export class AgentLog {
  readonly surface = new TerminalSurface();
  private unsubscribers: (() => void)[] = [];

  show(event: AgentCommandEvent): void {
    const { surface } = this;
    surface.startLine();
    surface.write(commandHeader(event.command, event.background));
    this.unsubscribers.push(event.process.onOutput((chunk) => surface.write(chunk)));
    void event.process.exit.then((code) => {
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
