import { newProjectRecord, PersistenceError, type ProjectRepository } from '@/lib/project/persistence';
import { storageErrorMessage } from '@/components/ui/storage-error-message';
import type { DroppedPayload } from './dropped-items';

export interface RefusedPath {
  path: string;
  reason: string;
}

export interface ImportOutcome {
  projectId: string;
  refused: RefusedPath[];
}

/** Plain-language summary of what an import left out, or null when everything came in. */
export function refusedPathsMessage(refused: RefusedPath[]): string | null {
  if (refused.length === 0) return null;
  const names = refused.map((r) => r.path).join(', ');
  const leave = refused.every((r) => /leave|outside|absolute|\.\./i.test(r.reason));
  const why = leave ? 'their paths leave the project' : 'their paths are not allowed in a project';
  const subject = refused.length === 1 ? '1 file was' : `${refused.length} files were`;
  return `${subject} not imported because ${why}: ${names}`;
}

function projectNameFromFileName(fileName: string): string {
  return fileName.replace(/\.zip$/i, '').trim() || 'Imported project';
}

/** Turns a zip or dropped files into a NEW saved project. Throws an Error with a user-facing message. */
export async function importAsNewProject(
  repository: ProjectRepository,
  payload: DroppedPayload,
): Promise<ImportOutcome> {
  // Loaded on demand so the home page does not ship the zip code until someone imports.
  const { importProjectZip, importDroppedFiles, ZIP_LIMITS, ZipLimitError } = await import('@/lib/project/zip');
  const limitError = (what: string, error: unknown): unknown =>
    error instanceof ZipLimitError ? new Error(`${what} was not imported. ${error.message}`) : error;

  let result: ReturnType<typeof importProjectZip>;
  let name: string;
  if (payload.kind === 'zip') {
    // A zip is never much larger than what it unpacks to, so a bigger file is refused before it is read.
    if (payload.file.size > ZIP_LIMITS.maxTotalBytes) {
      throw limitError(`“${payload.file.name}”`, new ZipLimitError('total-size', ZIP_LIMITS));
    }
    const bytes = new Uint8Array(await payload.file.arrayBuffer());
    try {
      result = importProjectZip(bytes);
    } catch (error) {
      if (error instanceof ZipLimitError) throw limitError(`“${payload.file.name}”`, error);
      throw new Error(`“${payload.file.name}” could not be read as a zip file. Check that it is a .zip and try again.`);
    }
    name = projectNameFromFileName(payload.file.name);
  } else {
    try {
      result = importDroppedFiles(payload.entries);
    } catch (error) {
      throw limitError(`“${payload.name}”`, error);
    }
    name = payload.name;
  }

  if (Object.keys(result.files).length === 0 && result.folders.length === 0) {
    const detail = refusedPathsMessage(result.refused);
    throw new Error(`Nothing could be imported: there were no usable files.${detail ? ` ${detail}.` : ''}`);
  }

  const record = newProjectRecord({ name, files: result.files, folders: result.folders });
  await repository.save(record);
  const message = refusedPathsMessage(result.refused);
  if (message) rememberImportNotice(record.meta.id, message);
  return { projectId: record.meta.id, refused: result.refused };
}

const noticeKey = (projectId: string) => `tabsmith:import-notice:${projectId}`;

/** The refused-paths message survives the navigation to the new project, shown once there. */
export function rememberImportNotice(projectId: string, message: string): void {
  try {
    sessionStorage.setItem(noticeKey(projectId), message);
  } catch {
    // Storage blocked: the workbench simply shows no notice.
  }
}

/** Kept until dismissed, so a reload right after the import still shows what was left out. */
export function readImportNotice(projectId: string): string | null {
  try {
    return sessionStorage.getItem(noticeKey(projectId));
  } catch {
    return null;
  }
}

export function forgetImportNotice(projectId: string): void {
  try {
    sessionStorage.removeItem(noticeKey(projectId));
  } catch {
    // Nothing stored to forget.
  }
}

/** Import failures are already worded for people, except storage ones, which get the usual advice. */
export function importErrorMessage(error: unknown): string {
  if (error instanceof PersistenceError || !(error instanceof Error)) {
    return storageErrorMessage(error, 'save the imported project');
  }
  return error.message;
}
