/** One frame of a JavaScript stack trace that points into a script. */
export interface StackFrame {
  /** The function, when the engine named one. */
  name?: string;
  /** `url:line:column`. */
  location: string;
}

/** Chromium: `    at fn (url:1:2)`, `    at url:1:2`, `    at async fn (url:1:2)`. */
const CHROMIUM = /^\s*at (?:(.+?) \()?((?:[a-z][a-z0-9+.-]*:)?[^()\s]*:\d+:\d+)\)?\s*$/i;
/** Firefox and Safari: `fn@url:1:2`, `@url:1:2`, Safari's `global code@url:1:2`. */
const GECKO_WEBKIT = /^\s*([^@]*)@(.*:\d+:\d+)\s*$/;
/** Safari names no function for top-level code: a bare `url:1:2` line. */
const BARE = /^\s*((?:[a-z][a-z0-9+.-]*:\/\/|\/)\S*:\d+:\d+)\s*$/i;
/** Safari's names for code outside any function. */
const ANONYMOUS_SCOPES = new Set(['global code', 'module code', 'eval code', 'anonymous']);

function frame(name: string | undefined, location: string): StackFrame {
  const trimmed = name?.trim();
  return trimmed && !ANONYMOUS_SCOPES.has(trimmed) ? { name: trimmed, location } : { location };
}

/** Frames with a script location, in order, from a Chromium, Firefox or Safari `error.stack`. */
export function parseStack(stack: string | undefined): StackFrame[] {
  if (!stack) return [];
  const frames: StackFrame[] = [];
  for (const line of stack.split('\n')) {
    const chromium = CHROMIUM.exec(line);
    if (chromium) {
      frames.push(frame(chromium[1], chromium[2]));
      continue;
    }
    // "    at" lines that did not match point at native code (`<anonymous>`): nothing to show.
    if (/^\s*at\s/.test(line)) continue;
    const geckoWebkit = GECKO_WEBKIT.exec(line);
    if (geckoWebkit) {
      frames.push(frame(geckoWebkit[1], geckoWebkit[2]));
      continue;
    }
    const bare = BARE.exec(line);
    if (bare) frames.push({ location: bare[1] });
  }
  return frames;
}

export function describeFrame(frame: StackFrame): string {
  return frame.name ? `${frame.name} (${frame.location})` : frame.location;
}
