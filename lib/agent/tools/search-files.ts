import { z } from 'zod';
import { resolveToolLimits, type ToolContext } from '../tool-context';
import type { SearchFilesOutput } from '../tool-outputs';
import type { SearchMatch } from '../tool-results';
import { ToolError } from '../tool-results';
import { defineTool } from './agent-tool';
import { filesUnder } from './list-files';

const MAX_LINE_CHARS = 240;

const inputSchema = z.object({
  pattern: z.string().min(1).describe('A JavaScript regular expression, e.g. "useState\\\\(" or "className=.*bg-"'),
  path: z.string().optional().describe('A folder (or file) to search in; default the whole project'),
  glob: z.string().optional().describe('Only files whose path matches, e.g. "*.tsx" or "src/**/*.css"'),
});

/** `*` stays within a folder, `**` crosses folders, `{a,b}` is either; a glob without "/" matches the file name. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '{') {
      braces++;
      source += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      source += ')';
    } else if (c === ',' && braces > 0) source += '|';
    else source += c.replace(/[.+^$(){}|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

function compile(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ToolError(`pattern is not a valid regular expression (${reason}). Escape characters like ( [ { . * + ? with a backslash to match them literally.`);
  }
}

/** The line around the match, so one minified line cannot flood the result. */
function excerpt(line: string, at: number): string {
  const text = line.replace(/\r$/, '');
  if (text.length <= MAX_LINE_CHARS) return text;
  const start = Math.max(0, Math.min(at - MAX_LINE_CHARS / 3, text.length - MAX_LINE_CHARS));
  return `${start > 0 ? '…' : ''}${text.slice(start, start + MAX_LINE_CHARS)}…`;
}

async function searchFiles(input: z.infer<typeof inputSchema>, ctx: ToolContext): Promise<SearchFilesOutput> {
  const regex = compile(input.pattern);
  const globPattern = input.glob?.trim() ? globToRegExp(input.glob.trim()) : null;
  const byName = input.glob !== undefined && !input.glob.includes('/');
  const { files } = filesUnder(input.path, ctx);
  const { searchMaxMatches } = resolveToolLimits(ctx.limits);
  const matches: SearchMatch[] = [];
  let searched = 0;
  let truncated = false;
  for (const path of files) {
    if (globPattern && !globPattern.test(byName ? path.slice(path.lastIndexOf('/') + 1) : path)) continue;
    const content = ctx.files.read(path);
    if (typeof content !== 'string') continue;
    searched++;
    const lines = content.split('\n');
    for (let index = 0; index < lines.length; index++) {
      const found = regex.exec(lines[index]);
      if (!found) continue;
      if (matches.length >= searchMaxMatches) {
        truncated = true;
        break;
      }
      matches.push({ path, line: index + 1, text: excerpt(lines[index], found.index) });
    }
    if (truncated) break;
  }
  const result: SearchFilesOutput = { matches, truncated, files_searched: searched };
  if (truncated) result.note = `Stopped at ${searchMaxMatches} matches; narrow the pattern, path or glob to see the rest.`;
  else if (matches.length === 0) result.note = `No line in ${searched} file${searched === 1 ? '' : 's'} matches.`;
  return result;
}

export const searchFilesTool = defineTool({
  name: 'search_files',
  description:
    'Search the project files (the same files as list_files) for a regular expression, line by line. Returns each matching line with its path and line number; use it to find where something is defined or used before reading or editing.',
  inputSchema,
  effect: 'looks',
  execute: searchFiles,
});
