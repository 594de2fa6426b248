import type { PreviewError } from '../types';
import { parsePreviewStepsResult, type PreviewStep, type PreviewStepsResult } from './steps';

/** Marks every message the preview bridge posts to the IDE window. */
export const PREVIEW_BRIDGE_SOURCE = 'tabsmith-preview';

export type PreviewErrorKind = PreviewError['kind'];

export interface PreviewBridgeError {
  kind: PreviewErrorKind;
  message: string;
  source?: string;
}

/** An element the person clicked in "Select in preview" mode. */
export interface SelectedElement {
  tag: string;
  text: string;
  id?: string;
  classes?: string[];
  /** A CSS selector that finds the element again (id when it has one, else a path of tags). */
  selector: string;
}

export type PreviewBridgeMessage =
  | { source: typeof PREVIEW_BRIDGE_SOURCE; type: 'error'; error: PreviewBridgeError }
  /** `initial` marks a new document; without it the app changed its route in place. */
  | { source: typeof PREVIEW_BRIDGE_SOURCE; type: 'loaded'; url: string; initial?: true; /** The page has a hot-update client. */ hot?: boolean }
  | { source: typeof PREVIEW_BRIDGE_SOURCE; type: 'element-selected'; element: SelectedElement }
  /** The page's bridge is there and listening. */
  | { source: typeof PREVIEW_BRIDGE_SOURCE; type: 'pong'; id: string }
  /** The page took a reload request and is about to navigate; its next `loaded` is the fresh page. */
  | { source: typeof PREVIEW_BRIDGE_SOURCE; type: 'reloading'; id: string }
  | { source: typeof PREVIEW_BRIDGE_SOURCE; type: 'steps-result'; id: string; result: PreviewStepsResult };

/** Marks messages the IDE posts into the preview frame. */
export const PREVIEW_COMMAND_SOURCE = 'tabsmith-ide';

/** Turns element picking on or off inside the preview. */
export interface PreviewSelectModeCommand {
  source: typeof PREVIEW_COMMAND_SOURCE;
  type: 'select-mode';
  on: boolean;
}

export function selectModeCommand(on: boolean): PreviewSelectModeCommand {
  return { source: PREVIEW_COMMAND_SOURCE, type: 'select-mode', on };
}

/** Asks whether the page's bridge is listening; answered by a `pong` with the same id. */
export function pingCommand(id: string): { source: typeof PREVIEW_COMMAND_SOURCE; type: 'ping'; id: string } {
  return { source: PREVIEW_COMMAND_SOURCE, type: 'ping', id };
}

/** Loads `path` afresh in the preview (a new page, even when it is the current one). */
export interface PreviewReloadCommand {
  source: typeof PREVIEW_COMMAND_SOURCE;
  type: 'reload';
  id: string;
  path: string;
}

export function reloadCommand(id: string, path: string): PreviewReloadCommand {
  return { source: PREVIEW_COMMAND_SOURCE, type: 'reload', id, path };
}

/** Runs `test_preview` steps in the page; answered by a `steps-result` with the same id. */
export interface PreviewRunStepsCommand {
  source: typeof PREVIEW_COMMAND_SOURCE;
  type: 'run-steps';
  id: string;
  steps: PreviewStep[];
  /** How long each step waits for its target or text. */
  timeoutMs: number;
}

export function runStepsCommand(id: string, steps: PreviewStep[], timeoutMs: number): PreviewRunStepsCommand {
  return { source: PREVIEW_COMMAND_SOURCE, type: 'run-steps', id, steps, timeoutMs };
}

const MAX_ELEMENT_TEXT = 200;
const MAX_SELECTOR = 500;
const MAX_CLASSES = 10;

function parseSelectedElement(value: unknown): SelectedElement | null {
  if (!isRecord(value)) return null;
  const { tag, text, id, classes, selector } = value;
  if (typeof tag !== 'string' || !/^[a-z][a-z0-9-]*$/i.test(tag) || typeof selector !== 'string' || !selector) return null;
  const element: SelectedElement = {
    tag: tag.toLowerCase().slice(0, 60),
    text: typeof text === 'string' ? text.replace(/\s+/g, ' ').trim().slice(0, MAX_ELEMENT_TEXT) : '',
    selector: selector.slice(0, MAX_SELECTOR),
  };
  if (typeof id === 'string' && id) element.id = id.slice(0, 200);
  if (Array.isArray(classes)) {
    const names = classes.filter((c): c is string => typeof c === 'string' && c.length > 0).slice(0, MAX_CLASSES);
    if (names.length > 0) element.classes = names.map((c) => c.slice(0, 100));
  }
  return element;
}

const ERROR_KINDS: readonly PreviewErrorKind[] = ['exception', 'unhandled-rejection', 'console-error'];
const MAX_MESSAGE_LENGTH = 4000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Reads a `postMessage` payload; anything that is not a well-formed bridge message gives null. */
export function parsePreviewBridgeMessage(data: unknown): PreviewBridgeMessage | null {
  if (!isRecord(data) || data.source !== PREVIEW_BRIDGE_SOURCE) return null;
  if (data.type === 'loaded') {
    if (typeof data.url !== 'string') return null;
    return { source: PREVIEW_BRIDGE_SOURCE, type: 'loaded', url: data.url, ...(data.initial === true ? { initial: true as const } : {}),
      ...(typeof data.hot === 'boolean' ? { hot: data.hot } : {}),
    };
  }
  const withId = data.type === 'pong' || data.type === 'reloading' || data.type === 'steps-result';
  if (withId && (typeof data.id !== 'string' || !data.id || data.id.length > 100)) return null;
  if (data.type === 'pong' || data.type === 'reloading') return { source: PREVIEW_BRIDGE_SOURCE, type: data.type, id: data.id as string };
  if (data.type === 'steps-result') {
    const result = parsePreviewStepsResult(data.result);
    return result ? { source: PREVIEW_BRIDGE_SOURCE, type: 'steps-result', id: data.id as string, result } : null;
  }
  if (data.type === 'element-selected') {
    const element = parseSelectedElement(data.element);
    return element ? { source: PREVIEW_BRIDGE_SOURCE, type: 'element-selected', element } : null;
  }
  if (data.type !== 'error' || !isRecord(data.error)) return null;
  const { kind, message, source } = data.error;
  if (typeof kind !== 'string' || !ERROR_KINDS.includes(kind as PreviewErrorKind)) return null;
  if (typeof message !== 'string') return null;
  const error: PreviewBridgeError = {
    kind: kind as PreviewErrorKind,
    message: message.slice(0, MAX_MESSAGE_LENGTH),
  };
  if (typeof source === 'string' && source) error.source = source.slice(0, MAX_MESSAGE_LENGTH);
  return { source: PREVIEW_BRIDGE_SOURCE, type: 'error', error };
}

export function toPreviewError(error: PreviewBridgeError, at: number = Date.now()): PreviewError {
  return { ...error, at };
}
