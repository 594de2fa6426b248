import ignore, { type Ignore } from 'ignore';
import type { FileMap } from './types';

/**
 * What no project listing, sync or export ever carries, whatever the project's `.gitignore` says:
 * tool folders, dependency installs, build output and caches that dev servers rewrite constantly.
 */
export const DEFAULT_IGNORES = [
  'node_modules/',
  '.git/',
  // Build output only at the root: a `src/build/` folder of source code is the person's.
  '/dist/',
  '/build/',
  '.next/',
  '.nuxt/',
  '.svelte-kit/',
  '.turbo/',
  '.cache/',
  '.parcel-cache/',
  '.vite/',
  '/coverage/',
  '.DS_Store',
];

/** Folder names the workspace walk never descends into (a quick pre-filter before the full rules). */
export const DEFAULT_IGNORED_FOLDERS = new Set(
  DEFAULT_IGNORES.filter((rule) => rule.endsWith('/') && !rule.startsWith('/')).map((rule) => rule.slice(0, -1)),
);

export interface IgnoreRules {
  /** True when `path` (project-relative, POSIX) is left out of listings, sync and export. */
  ignores(path: string): boolean;
  /** The `.gitignore` text these rules were built from, to tell whether they need rebuilding. */
  readonly source: string;
}

function isDotGit(path: string): boolean {
  return path.split('/').some((segment) => segment.toLowerCase() === '.git');
}

/** The one set of ignore rules: our defaults plus the project's own `.gitignore` at its root. */
export function createIgnoreRules(gitignore = ''): IgnoreRules {
  const matcher: Ignore = ignore({ allowRelativePaths: true }).add(DEFAULT_IGNORES).add(gitignore);
  const cache = new Map<string, boolean>();
  return {
    source: gitignore,
    ignores(path) {
      const known = cache.get(path);
      if (known !== undefined) return known;
      // `.gitignore` itself cannot un-ignore our defaults' most dangerous member, whatever its case.
      const result = path !== '' && (isDotGit(path) || safeIgnores(matcher, path));
      if (cache.size > 50_000) cache.clear();
      cache.set(path, result);
      return result;
    },
  };
}

function safeIgnores(matcher: Ignore, path: string): boolean {
  try {
    return matcher.ignores(path);
  } catch {
    // `ignore` refuses paths it considers invalid (e.g. absolute); such a path is never part of a project.
    return true;
  }
}

/** Rebuilds the rules only when the `.gitignore` text changed. */
export function ignoreRulesFor(previous: IgnoreRules | null, gitignore: string | undefined): IgnoreRules {
  const text = gitignore ?? '';
  return previous && previous.source === text ? previous : createIgnoreRules(text);
}

/** The rules of a project held as a file map: its root `.gitignore`, if it is text. */
export function projectIgnoreRules(files: FileMap): IgnoreRules {
  const text = Object.hasOwn(files, '.gitignore') ? files['.gitignore'] : '';
  return createIgnoreRules(typeof text === 'string' ? text : '');
}

/** Folder paths are matched as folders, so rules like `dist/` apply to them. */
export function ignoresFolder(rules: IgnoreRules, folder: string): boolean {
  return rules.ignores(`${folder}/`);
}
