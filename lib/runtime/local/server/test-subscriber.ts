import type { ServerMessage } from '../protocol';
import type { ProjectSubscriber } from './project-runtime';

/** Records what a project sends, for tests that run real commands. */
export class RecordingSubscriber implements ProjectSubscriber {
  messages: ServerMessage[] = [];
  send(message: ServerMessage): void {
    this.messages.push(message);
  }
  output(processId: string): string {
    return this.messages
      .filter((m): m is Extract<ServerMessage, { type: 'output' }> => m.type === 'output' && m.processId === processId)
      .map((m) => m.data)
      .join('');
  }
}
