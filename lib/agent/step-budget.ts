import type { UIMessage } from 'ai';

export const DEFAULT_STEP_BUDGET = 40;

type Part = UIMessage['parts'][number];

function isToolPart(part: Part): part is Extract<Part, { toolCallId: string }> {
  return part.type === 'dynamic-tool' || part.type.startsWith('tool-');
}

/** Model steps (one request each) since the last user message; each starts with a `step-start` part. */
export function countStepsSinceLastUser(messages: readonly UIMessage[]): number {
  let steps = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message.role === 'user') break;
    if (message.role !== 'assistant') continue;
    const starts = message.parts.filter((part) => part.type === 'step-start').length;
    // Messages built without step markers still took at least one step.
    steps += Math.max(starts, message.parts.length > 0 ? 1 : 0);
  }
  return steps;
}

/** The tool calls of the last step of a message (after its last `step-start`). */
function lastStepToolParts(message: UIMessage): Extract<Part, { toolCallId: string }>[] {
  let start = 0;
  message.parts.forEach((part, index) => {
    if (part.type === 'step-start') start = index;
  });
  return message.parts.slice(start).filter(isToolPart);
}

/** Whether the last assistant message ends in tool calls that all have a result. */
export function endsInCompletedToolCalls(messages: readonly UIMessage[]): boolean {
  const last = messages[messages.length - 1];
  if (!last || last.role !== 'assistant') return false;
  const toolParts = lastStepToolParts(last);
  if (toolParts.length === 0) return false;
  return toolParts.every((part) => part.state === 'output-available' || part.state === 'output-error');
}

/**
 * What the client loop does after a step: send again so the model sees the tool results,
 * stop because the model is done, or ask the person before spending more steps.
 * After the person agrees to continue, pass a larger budget (e.g. twice the default).
 */
export function shouldContinue(
  messages: readonly UIMessage[],
  budget = DEFAULT_STEP_BUDGET,
): 'continue' | 'stop' | 'ask-user' {
  if (!endsInCompletedToolCalls(messages)) return 'stop';
  return countStepsSinceLastUser(messages) < budget ? 'continue' : 'ask-user';
}
