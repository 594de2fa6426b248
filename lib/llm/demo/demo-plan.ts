import type { LanguageModelV3Prompt, LanguageModelV3ToolResultOutput } from '@ai-sdk/provider';
import { matchStarterApp, starterApps } from './pick-starter';
import type { StarterApp } from './starters/starter-app';

export const DEMO_DISCLAIMER = 'This is the offline demo, not AI. Add a model in Settings to build anything you describe.';

/** One sentence each: what the demo cannot do, that nothing changed, and the way to a model that can. */
export const DEMO_CANNOT_CHANGE =
  "The offline demo can't change an app, so nothing was changed: to make changes like this, add an AI model in Settings.";
export const DEMO_CANNOT_BUILD =
  "The offline demo only builds the starter ideas on the home page, so nothing was made: to build anything you describe, add an AI model in Settings.";

export interface DemoToolCall {
  toolName: string;
  input: Record<string, unknown>;
}

/** What the demo says and does in one step: some text, then at most one tool call. */
export interface DemoStep {
  text?: string;
  toolCall?: DemoToolCall;
}

interface ToolOutcome {
  toolName: string;
  output: LanguageModelV3ToolResultOutput;
}

function textOf(message: LanguageModelV3Prompt[number]): string {
  if (message.role === 'system') return message.content;
  return message.content
    .map((part) => (part.type === 'text' ? part.text : ''))
    .join(' ')
    .trim();
}

function scriptFor(app: StarterApp): DemoToolCall[] {
  return [
    ...app.files.map((file) => ({ toolName: 'write_file', input: { path: file.path, content: file.content } })),
    { toolName: 'run_command', input: { command: 'npm install' } },
    { toolName: 'run_command', input: { command: 'npm run dev', background: true } },
    { toolName: 'check_preview', input: {} },
    { toolName: 'test_preview', input: { steps: app.check } },
  ];
}

function describeCall(call: DemoToolCall): string {
  if (call.toolName === 'write_file') return `writing ${String(call.input.path)}`;
  if (call.toolName === 'run_command') return `running \`${String(call.input.command)}\``;
  if (call.toolName === 'test_preview') return 'trying the app in the preview';
  return 'checking the preview';
}

function stepDetails(steps: unknown[]): string[] {
  return steps
    .map((step) => (step && typeof step === 'object' && 'detail' in step ? String((step as { detail: unknown }).detail) : ''))
    .filter(Boolean);
}

/** What the passing check did, in the words of its steps: "clicked 'Increase', saw 'Click to count.'". */
function checkedSummary(outcome: ToolOutcome | undefined): string | null {
  if (outcome?.toolName !== 'test_preview' || outcome.output.type !== 'json') return null;
  const value = outcome.output.value as { steps?: unknown };
  const details = Array.isArray(value.steps) ? stepDetails(value.steps) : [];
  return details.length ? details.join(', ') : null;
}

/** A failed tool result, in words, or null when the step went fine. */
export function failureOf(outcome: ToolOutcome): string | null {
  const { output } = outcome;
  if (output.type === 'error-text') return output.value;
  if (output.type === 'error-json') return JSON.stringify(output.value);
  if (output.type === 'execution-denied') return output.reason ?? 'the step was not allowed';
  if (output.type !== 'json' || output.value === null || typeof output.value !== 'object' || Array.isArray(output.value)) {
    return null;
  }
  const value = output.value as Record<string, unknown>;
  if (value.timed_out === true) return 'the command timed out';
  if (typeof value.exit_code === 'number' && value.exit_code !== 0) {
    const tail = typeof value.output === 'string' ? value.output.trim().split('\n').slice(-5).join('\n') : '';
    return `the command exited with code ${value.exit_code}${tail ? `:\n\n\`\`\`\n${tail}\n\`\`\`` : ''}`;
  }
  if (value.started === false) return 'the dev server did not start';
  if (outcome.toolName === 'test_preview' && value.passed !== true) {
    const failed = Array.isArray(value.steps) ? stepDetails(value.steps).at(-1) : undefined;
    return `the check failed${failed ? `: ${failed}` : ''}`;
  }
  if (outcome.toolName === 'check_preview' || 'status' in value) {
    const errors = Array.isArray(value.errors) ? value.errors : [];
    const messages = errors
      .map((e) => (e && typeof e === 'object' && 'message' in e ? String((e as { message: unknown }).message) : ''))
      .filter(Boolean);
    if (value.status === 'not-running') return 'the preview is not running';
    if (value.status !== 'ready') return `the preview shows errors${messages.length ? `: ${messages.join('; ')}` : ''}`;
    if (messages.length) return `the preview reported errors: ${messages.join('; ')}`;
  }
  return null;
}

/**
 * The next step of the scripted build, read from the conversation: the app comes from the user's words, and the
 * position in the script from how many tool calls this turn already made.
 */
export function planDemoStep(prompt: LanguageModelV3Prompt): DemoStep {
  const lastUser = prompt.findLastIndex((m) => m.role === 'user');
  const request = lastUser >= 0 ? textOf(prompt[lastUser]) : '';
  const earlierTurns = prompt.slice(0, Math.max(lastUser, 0)).some((m) => m.role === 'assistant');

  const calls: string[] = [];
  const outcomes: ToolOutcome[] = [];
  for (const message of prompt.slice(lastUser + 1)) {
    if (message.role === 'assistant') {
      for (const part of message.content) if (part.type === 'tool-call') calls.push(part.toolName);
    } else if (message.role === 'tool') {
      for (const part of message.content) {
        if (part.type === 'tool-result') outcomes.push({ toolName: part.toolName, output: part.output });
      }
    }
  }

  // A later turn asks to change what was built, which the demo cannot do; building again over it would only break it.
  if (earlierTurns) return { text: DEMO_CANNOT_CHANGE };
  const named = matchStarterApp(request);
  if (named === null) return { text: DEMO_CANNOT_BUILD };
  const app = starterApps[named];

  const lastOutcome = outcomes.at(-1);
  const failure = lastOutcome ? failureOf(lastOutcome) : null;
  if (failure !== null) {
    const script = scriptFor(app);
    const failedCall = script[Math.min(calls.length, script.length) - 1];
    return {
      text:
        `Something went wrong while ${failedCall ? describeCall(failedCall) : 'building'}: ${failure}\n\n` +
        "I can't fix this myself. You can look at the terminal and the files, or try again.\n\n" +
        DEMO_DISCLAIMER,
    };
  }

  const script = scriptFor(app);
  const next = script[calls.length];
  if (next) {
    const text =
      calls.length === 0
        ? `I'll build a **${app.title}**: ${app.files.length} files, then install and start it. (${DEMO_DISCLAIMER})`
        : undefined;
    return { text, toolCall: next };
  }
  const checked = checkedSummary(lastOutcome);
  return {
    text:
      `Your ${app.title} is running in the preview. ` +
      (checked ? `I tried it there: ${checked}. ` : '') +
      `You can ${app.description}.\n\n` +
      `Files: ${app.files.map((f) => `\`${f.path}\``).join(', ')}. Change them in the editor and the preview updates when you save.\n\n` +
      `**${DEMO_DISCLAIMER}**`,
  };
}
