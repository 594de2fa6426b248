import { isHiddenPath, isSameOrInside, normalizeProjectPath } from '../../project/paths';
import { ToolError } from '../tool-results';

/** The normalised project path for `input`, or a ToolError the model can act on. */
export function resolveAgentPath(input: string): string {
  const result = normalizeProjectPath(input);
  if (!result.ok) {
    throw new ToolError(
      `Refused: "${input}" is outside the project. ${result.reason} Use a path relative to the project root, like src/App.tsx.`,
    );
  }
  return result.path;
}

export function describeSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Up to three project files with the same file name, to suggest when a path does not exist. */
export function similarPaths(path: string, files: string[]): string[] {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return files.filter((file) => file.slice(file.lastIndexOf('/') + 1).toLowerCase() === name).slice(0, 3);
}

export function missingFileError(path: string, files: string[], hint: string): ToolError {
  const similar = similarPaths(path, files);
  const suggestion = similar.length > 0 ? ` Did you mean ${similar.join(' or ')}?` : '';
  return new ToolError(`${path} does not exist.${suggestion} ${hint}`);
}

/** node_modules belongs to npm: changing it by hand is lost on the next install. */
export function resolveWritablePath(input: string): string {
  const path = resolveAgentPath(input);
  if (isHiddenPath(path)) {
    throw new ToolError(
      `Refused: ${path} is inside node_modules, which npm manages. Change package.json and run npm install instead.`,
    );
  }
  return path;
}

/** The files at or under `folder`, from a project file list. */
export function filesInside(folder: string, files: readonly string[]): string[] {
  return files.filter((file) => isSameOrInside(file, folder));
}
