import type { FileContent } from './types';

export const MAX_PATH_LENGTH = 1024;

export type NormalizedPath = { ok: true; path: string } | { ok: false; reason: string };

export class PathError extends Error {
  readonly path: string;
  constructor(message: string, path: string) {
    super(message);
    this.name = 'PathError';
    this.path = path;
  }
}

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
const WINDOWS_DRIVE = /^[a-zA-Z]:/;

/** Turns user/agent input into a project-relative POSIX path, or says plainly why it cannot be one. */
export function normalizeProjectPath(input: string): NormalizedPath {
  if (typeof input !== 'string') return { ok: false, reason: 'A path must be text.' };
  const shown = JSON.stringify(input.length > 80 ? `${input.slice(0, 80)}…` : input);
  if (input.trim() === '') return { ok: false, reason: 'The path is empty.' };
  if (input.length > MAX_PATH_LENGTH) {
    return { ok: false, reason: `The path is longer than ${MAX_PATH_LENGTH} characters.` };
  }
  if (CONTROL_CHARACTERS.test(input)) {
    return { ok: false, reason: `The path ${shown} contains control characters.` };
  }
  const slashed = input.replace(/\\/g, '/');
  if (slashed.startsWith('/') || WINDOWS_DRIVE.test(slashed)) {
    return {
      ok: false,
      reason: `The path ${shown} is absolute; use a path relative to the project root, like "src/App.tsx".`,
    };
  }
  const segments: string[] = [];
  for (const segment of slashed.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      return { ok: false, reason: `The path ${shown} uses "..", which would leave the project folder.` };
    }
    if (segment.toLowerCase() === '.git') {
      return { ok: false, reason: `The path ${shown} points into ".git", which Tabsmith does not let anyone change.` };
    }
    segments.push(segment);
  }
  if (segments.length === 0) return { ok: false, reason: `The path ${shown} names the project root, not a file or folder.` };
  return { ok: true, path: segments.join('/') };
}

export function assertProjectPath(input: string): string {
  const result = normalizeProjectPath(input);
  if (!result.ok) throw new PathError(result.reason, String(input));
  return result.path;
}

/** Folders that belong to tools, not to the person: hidden from listings, skipped on import/export. */
export function isHiddenPath(path: string): boolean {
  return path
    .replace(/\\/g, '/')
    .split('/')
    .some((segment) => segment === 'node_modules' || segment.toLowerCase() === '.git');
}

export function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Extension including the dot, lower-cased; '' for none. Dotfiles like `.env` have no extension. */
export function extname(path: string): string {
  const name = basename(path);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot).toLowerCase();
}

/** Whether `path` is `folder` itself or lies somewhere under it. */
export function isSameOrInside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(`${folder}/`);
}

/** Every ancestor folder of a path, nearest last: `a/b/c.ts` → [`a`, `a/b`]. */
export function ancestorsOf(path: string): string[] {
  const segments = path.split('/');
  const result: string[] = [];
  for (let i = 1; i < segments.length; i++) result.push(segments.slice(0, i).join('/'));
  return result;
}

const TEXT_SNIFF_BYTES = 8192;
// ignoreBOM keeps a leading BOM in the string so that decode → encode gives back the same bytes.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

export function isTextContent(bytes: Uint8Array): boolean {
  const sniffLength = Math.min(bytes.length, TEXT_SNIFF_BYTES);
  for (let i = 0; i < sniffLength; i++) if (bytes[i] === 0) return false;
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function decodeFileContent(bytes: Uint8Array): FileContent {
  if (!isTextContent(bytes)) return bytes;
  return strictUtf8.decode(bytes);
}

export function encodeFileContent(content: FileContent): Uint8Array {
  return typeof content === 'string' ? utf8Encoder.encode(content) : content;
}

export function isBinary(content: FileContent): content is Uint8Array {
  return typeof content !== 'string';
}

export function sameContent(a: FileContent | undefined, b: FileContent | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  if (typeof a === 'string' || typeof b === 'string') return false;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function byteLength(content: FileContent): number {
  return typeof content === 'string' ? utf8Encoder.encode(content).length : content.length;
}

const LANGUAGE_BY_EXTENSION: Record<string, string> = {
  '.ts': 'typescript',
  '.tsx': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.js': 'javascript',
  '.jsx': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.json': 'json',
  '.jsonc': 'json',
  '.map': 'json',
  '.css': 'css',
  '.scss': 'scss',
  '.sass': 'scss',
  '.less': 'less',
  '.html': 'html',
  '.htm': 'html',
  '.md': 'markdown',
  '.mdx': 'markdown',
  '.markdown': 'markdown',
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.py': 'python',
  '.sh': 'shell',
  '.bash': 'shell',
  '.zsh': 'shell',
  '.svg': 'xml',
  '.xml': 'xml',
  '.vue': 'html',
  '.svelte': 'html',
  '.sql': 'sql',
  '.graphql': 'graphql',
  '.gql': 'graphql',
  '.go': 'go',
  '.rs': 'rust',
  '.java': 'java',
  '.kt': 'kotlin',
  '.c': 'c',
  '.h': 'c',
  '.cpp': 'cpp',
  '.hpp': 'cpp',
  '.cs': 'csharp',
  '.php': 'php',
  '.rb': 'ruby',
  '.swift': 'swift',
  '.toml': 'ini',
  '.ini': 'ini',
  '.env': 'ini',
  '.dockerfile': 'dockerfile',
};

const LANGUAGE_BY_NAME: Record<string, string> = {
  dockerfile: 'dockerfile',
  makefile: 'plaintext',
  '.env': 'ini',
  '.gitignore': 'plaintext',
  '.prettierrc': 'json',
  '.eslintrc': 'json',
  '.babelrc': 'json',
};

/** Monaco language id for a file; `plaintext` when unknown. */
export function languageForPath(path: string): string {
  const name = basename(path).toLowerCase();
  if (Object.hasOwn(LANGUAGE_BY_NAME, name)) return LANGUAGE_BY_NAME[name];
  if (name.startsWith('.env.')) return 'ini';
  const extension = extname(name);
  return Object.hasOwn(LANGUAGE_BY_EXTENSION, extension) ? LANGUAGE_BY_EXTENSION[extension] : 'plaintext';
}
