/**
 * Dev servers print where they listen ("Local: http://localhost:5173/"). That address is inside the
 * project's runtime, not one the person can open: the app is in the Preview pane. This rewrites such
 * addresses in what a process prints, for display only (the agent still gets the real output).
 */

const ESC = '\\x1b\\[[0-9;]*m';
const SGR = `(?:${ESC})*`;
const HOST = '(?:localhost|127\\.0\\.0\\.1|0\\.0\\.0\\.0|\\[::1?\\])';
const LOOPBACK_URL = new RegExp(`https?://${SGR}${HOST}${SGR}:${SGR}(\\d{1,5})${SGR}(/[^\\s\\x1b'"<>]*)?`, 'g');
/** A line end that may still be the start of an address: held back until the rest arrives. */
const UNFINISHED = /(?:h(?:t(?:t(?:p(?:s?(?::(?:\/(?:\/\S*)?)?)?)?)?)?)?)$/;
const MAX_HELD = 256;

export function previewNoteFor(port: string, urlPath: string | undefined): string {
  const where = urlPath && urlPath !== '/' ? `, ${urlPath}` : '';
  return `the Preview pane (port ${port}${where})`;
}

/** Replaces every loopback address in `text` with where the app really is. */
export function rewriteLoopbackUrls(text: string): string {
  return text.replace(LOOPBACK_URL, (_match, port: string, urlPath: string | undefined) => previewNoteFor(port, urlPath));
}

/**
 * The same over a stream of chunks: an address cut between two chunks is held back (at most
 * MAX_HELD characters, and only the end of a line that could still become one) until the next
 * chunk or `flush()`.
 */
export class LoopbackUrlRewriter {
  private held = '';

  write(chunk: string): string {
    const text = this.held + chunk;
    this.held = '';
    const lineStart = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) + 1;
    const tail = text.slice(lineStart);
    const unfinished = UNFINISHED.exec(tail);
    if (unfinished && unfinished[0].length > 0 && unfinished[0].length <= MAX_HELD) {
      this.held = unfinished[0];
      return rewriteLoopbackUrls(text.slice(0, text.length - unfinished[0].length));
    }
    return rewriteLoopbackUrls(text);
  }

  /** Whatever is held back, rewritten; call when the stream ends or goes quiet. */
  flush(): string {
    const rest = rewriteLoopbackUrls(this.held);
    this.held = '';
    return rest;
  }
}
