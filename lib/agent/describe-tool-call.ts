export type ToolCallState = 'streaming' | 'running' | 'done' | 'error';

export interface ToolCallDescription {
  title: string;
  /** What a click on the row reveals: command output, error text, preview errors. */
  detail?: string;
  tone: 'neutral' | 'success' | 'error' | 'running';
}

const MAX_COMMAND_CHARS = 60;

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function text(value: unknown, key: string): string | undefined {
  const found = field(value, key);
  return typeof found === 'string' && found.length > 0 ? found : undefined;
}

function num(value: unknown, key: string): number | undefined {
  const found = field(value, key);
  return typeof found === 'number' && Number.isFinite(found) ? found : undefined;
}

function shortCommand(command: string): string {
  const oneLine = command.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_COMMAND_CHARS ? `${oneLine.slice(0, MAX_COMMAND_CHARS - 1)}…` : oneLine;
}

export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds > 0 ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

function lineCounts(output: unknown): string {
  const added = num(output, 'added_lines');
  const removed = num(output, 'removed_lines');
  if (added === undefined && removed === undefined) return '';
  if (!removed) return `+${added ?? 0}`;
  return `+${added ?? 0} −${removed}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function describeFileTool(
  verbs: { running: string; done: string; failed: string },
  path: string | undefined,
  state: ToolCallState,
  errorText: string | undefined,
  doneSuffix = '',
): ToolCallDescription {
  const target = path ?? 'a file';
  if (state === 'streaming' || state === 'running') return { title: `${verbs.running} ${target}…`, tone: 'running' };
  if (state === 'error') return { title: `Could not ${verbs.failed} ${target}`, detail: errorText, tone: 'error' };
  return { title: `${verbs.done} ${target}${doneSuffix}`, tone: 'success' };
}

function describeWrite(input: unknown, state: ToolCallState, output: unknown, errorText?: string): ToolCallDescription {
  const path = text(input, 'path');
  if (state === 'done') {
    const counts = lineCounts(output);
    const created = field(output, 'created') !== false;
    return { title: `${created ? 'Created' : 'Updated'} ${path ?? 'a file'}${counts ? ` (${counts} lines)` : ''}`, tone: 'success' };
  }
  return describeFileTool({ running: 'Creating', done: 'Created', failed: 'write' }, path, state, errorText);
}

function describeEdit(input: unknown, state: ToolCallState, output: unknown, errorText?: string): ToolCallDescription {
  const path = text(input, 'path');
  if (state === 'done') {
    const edits = field(input, 'edits');
    const applied = num(output, 'applied') ?? (Array.isArray(edits) ? edits.length : 1);
    const counts = lineCounts(output);
    const summary = [plural(applied, 'change'), counts].filter(Boolean).join(', ');
    return { title: `Edited ${path ?? 'a file'} (${summary})`, tone: 'success' };
  }
  return describeFileTool({ running: 'Editing', done: 'Edited', failed: 'edit' }, path, state, errorText);
}

function describeCommand(input: unknown, state: ToolCallState, output: unknown, errorText?: string): ToolCallDescription {
  const command = shortCommand(text(input, 'command') ?? 'a command');
  const background = field(input, 'background') === true;
  if (state === 'streaming' || state === 'running') {
    return { title: `${background ? 'Starting' : 'Running'} ${command}…`, tone: 'running' };
  }
  if (state === 'error') return { title: `Could not run ${command}`, detail: errorText, tone: 'error' };

  const detail = text(output, 'output');
  const note = text(output, 'note');
  const fullDetail = [detail, note].filter(Boolean).join('\n\n') || undefined;
  if (field(output, 'waiting_for_input') === true) {
    return { title: `${command} stopped at a question`, detail: fullDetail, tone: 'error' };
  }
  if (field(output, 'already_running') === true) {
    return { title: `${command} is already running`, detail: fullDetail, tone: 'neutral' };
  }
  if (field(output, 'started') !== undefined) {
    if (field(output, 'started') === false) {
      const code = num(output, 'exit_code');
      return {
        title: `${command} stopped while starting${code !== undefined ? ` (exit ${code})` : ''}`,
        detail: fullDetail,
        tone: 'error',
      };
    }
    const ports = field(output, 'ports');
    const portList = Array.isArray(ports) ? ports.filter((port): port is number => typeof port === 'number') : [];
    const suffix = portList.length > 0 ? ` (port${portList.length > 1 ? 's' : ''} ${portList.join(', ')})` : '';
    return { title: `Started ${command}${suffix}`, detail: fullDetail, tone: 'success' };
  }

  const exitCode = field(output, 'exit_code');
  const duration = num(output, 'duration_ms');
  if (field(output, 'timed_out') === true) {
    const seconds = duration !== undefined ? ` after ${formatDuration(duration)}` : '';
    return { title: `${command} timed out${seconds}`, detail: fullDetail, tone: 'error' };
  }
  if (exitCode === null) return { title: `${command} was stopped`, detail: fullDetail, tone: 'neutral' };
  if (typeof exitCode === 'number' && exitCode !== 0) {
    return { title: `${command} failed (exit ${exitCode})`, detail: fullDetail, tone: 'error' };
  }
  const took = duration !== undefined ? ` — done in ${formatDuration(duration)}` : ' — done';
  return { title: `Ran ${command}${took}`, detail: fullDetail, tone: 'success' };
}

function describePreview(state: ToolCallState, output: unknown, errorText?: string): ToolCallDescription {
  if (state === 'streaming' || state === 'running') return { title: 'Checking the preview…', tone: 'running' };
  if (state === 'error') return { title: 'Could not check the preview', detail: errorText, tone: 'error' };
  const errors = field(output, 'errors');
  const messages = Array.isArray(errors)
    ? errors.map((error) => {
        const message = text(error, 'message') ?? 'Unknown error';
        const source = text(error, 'source');
        return source ? `${message} (${source})` : message;
      })
    : [];
  if (messages.length > 0) {
    return { title: `Checked the preview — ${plural(messages.length, 'error')}`, detail: messages.join('\n'), tone: 'error' };
  }
  if (field(output, 'status') === 'not-running') {
    return { title: 'Checked the preview — not running', tone: 'neutral' };
  }
  if (field(output, 'status') === 'not-loaded') {
    return { title: 'Checked the preview — not showing the latest change yet', tone: 'neutral' };
  }
  return { title: 'Checked the preview — no errors', detail: text(output, 'url'), tone: 'success' };
}

function describePreviewTest(state: ToolCallState, output: unknown, errorText?: string): ToolCallDescription {
  if (state === 'streaming' || state === 'running') return { title: 'Testing in the preview…', tone: 'running' };
  if (state === 'error') return { title: 'Could not test in the preview', detail: errorText, tone: 'error' };
  const steps = field(output, 'steps');
  const details = Array.isArray(steps) ? steps.map((step) => `${field(step, 'ok') === true ? '✓' : '✗'} ${text(step, 'detail') ?? ''}`) : [];
  const passed = field(output, 'passed') === true;
  return {
    title: passed ? 'Tested in the preview — passed' : 'Tested in the preview — failed',
    detail: details.join('\n'),
    tone: passed ? 'success' : 'error',
  };
}

/** One plain-language line for a tool call row in the chat. */
export function describeToolCall(
  name: string,
  input: unknown,
  state: ToolCallState,
  output?: unknown,
  errorText?: string,
): ToolCallDescription {
  switch (name) {
    case 'write_file':
      return describeWrite(input, state, output, errorText);
    case 'edit_file':
      return describeEdit(input, state, output, errorText);
    case 'delete_file':
      return describeFileTool({ running: 'Deleting', done: 'Deleted', failed: 'delete' }, text(input, 'path'), state, errorText);
    case 'move_file': {
      const to = text(input, 'to');
      return describeFileTool(
        { running: 'Moving', done: 'Moved', failed: 'move' },
        text(input, 'from'),
        state,
        errorText,
        to ? ` to ${to}` : '',
      );
    }
    case 'read_file': {
      const lines = field(output, 'lines');
      const from = num(lines, 'from');
      const to = num(lines, 'to');
      const truncated =
        state !== 'done' ? '' : from !== undefined && to !== undefined ? ` (lines ${from}–${to})` : field(output, 'truncated') === true ? ' (first part)' : '';
      return describeFileTool({ running: 'Reading', done: 'Read', failed: 'read' }, text(input, 'path'), state, errorText, truncated);
    }
    case 'list_files': {
      const folder = text(input, 'path');
      const where = folder && folder !== '.' ? ` in ${folder}` : '';
      if (state === 'streaming' || state === 'running') return { title: `Listing files${where}…`, tone: 'running' };
      if (state === 'error') return { title: `Could not list files${where}`, detail: errorText, tone: 'error' };
      const files = field(output, 'files');
      return {
        title: `Listed files${where}`,
        detail: Array.isArray(files) ? plural(files.length, 'file') : undefined,
        tone: 'success',
      };
    }
    case 'search_files': {
      const pattern = shortCommand(text(input, 'pattern') ?? '');
      if (state === 'streaming' || state === 'running') return { title: `Searching for ${pattern}…`, tone: 'running' };
      if (state === 'error') return { title: `Could not search for ${pattern}`, detail: errorText, tone: 'error' };
      const matches = field(output, 'matches');
      const count = Array.isArray(matches) ? matches.length : 0;
      return { title: `Searched for ${pattern} — ${count} match${count === 1 ? '' : 'es'}`, tone: 'success' };
    }
    case 'list_processes': {
      if (state === 'streaming' || state === 'running') return { title: 'Listing processes…', tone: 'running' };
      if (state === 'error') return { title: 'Could not list processes', detail: errorText, tone: 'error' };
      const processes = field(output, 'processes');
      const rows = Array.isArray(processes)
        ? processes.map((p) => `${text(p, 'id') ?? '?'}  ${text(p, 'command') ?? ''}  ${field(p, 'running') === true ? 'running' : 'ended'}`)
        : [];
      return { title: `Listed processes (${rows.length})`, detail: rows.join('\n') || undefined, tone: 'success' };
    }
    case 'process_output': {
      const id = text(input, 'id') ?? 'a process';
      if (state === 'streaming' || state === 'running') return { title: `Reading the output of ${id}…`, tone: 'running' };
      if (state === 'error') return { title: `Could not read the output of ${id}`, detail: errorText, tone: 'error' };
      return { title: `Read the output of ${text(output, 'command') ?? id}`, detail: text(output, 'output'), tone: 'success' };
    }
    case 'stop_process': {
      const id = text(input, 'id') ?? 'a process';
      if (state === 'streaming' || state === 'running') return { title: `Stopping ${id}…`, tone: 'running' };
      if (state === 'error') return { title: `Could not stop ${id}`, detail: errorText, tone: 'error' };
      return { title: `Stopped ${id}`, tone: 'success' };
    }
    case 'run_command':
      return describeCommand(input, state, output, errorText);
    case 'check_preview':
      return describePreview(state, output, errorText);
    case 'test_preview':
      return describePreviewTest(state, output, errorText);
    default:
      if (state === 'streaming' || state === 'running') return { title: `Using ${name}…`, tone: 'running' };
      if (state === 'error') return { title: `${name} failed`, detail: errorText, tone: 'error' };
      return { title: `Used ${name}`, tone: 'neutral' };
  }
}
