import type { FileMap } from '@/lib/project/types';
import { ignoresFolder, projectIgnoreRules } from '@/lib/project/ignore-rules';
import { isTooLargeToEdit } from '@/lib/project/large-files';
import { ancestorsOf, basename } from '@/lib/project/paths';

export interface TreeFile {
  kind: 'file';
  name: string;
  path: string;
  binary: boolean;
  image: boolean;
  /** Kept and exported, but too large to open in the editor. */
  tooLarge: boolean;
}

export interface TreeFolder {
  kind: 'folder';
  name: string;
  path: string;
  children: TreeNode[];
}

export type TreeNode = TreeFile | TreeFolder;

const IMAGE_EXTENSIONS = /\.(png|jpe?g|gif|webp|avif|bmp|ico|svg)$/i;

export function isImagePath(path: string): boolean {
  return IMAGE_EXTENSIONS.test(path);
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function sortNodes(nodes: TreeNode[]): void {
  nodes.sort((a, b) => (a.kind === b.kind ? collator.compare(a.name, b.name) : a.kind === 'folder' ? -1 : 1));
  for (const node of nodes) if (node.kind === 'folder') sortNodes(node.children);
}

/** Nested, folders-first view of a project's files; tool folders (`node_modules`, `.git`) are left out. */
export function buildFileTree(files: FileMap, folders: readonly string[]): TreeNode[] {
  const root: TreeNode[] = [];
  const folderByPath = new Map<string, TreeFolder>();

  const ensureFolder = (path: string): TreeNode[] => {
    if (path === '') return root;
    const existing = folderByPath.get(path);
    if (existing) return existing.children;
    const parentPath = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    const folder: TreeFolder = { kind: 'folder', name: basename(path), path, children: [] };
    folderByPath.set(path, folder);
    ensureFolder(parentPath).push(folder);
    return folder.children;
  };

  // The project's one set of ignore rules, as everywhere else: build output and `.gitignore`d files stay out.
  const rules = projectIgnoreRules(files);
  for (const folder of folders) {
    if (!ignoresFolder(rules, folder)) ensureFolder(folder);
  }
  for (const [path, content] of Object.entries(files)) {
    if (rules.ignores(path)) continue;
    const ancestors = ancestorsOf(path);
    const parent = ensureFolder(ancestors.length ? ancestors[ancestors.length - 1] : '');
    parent.push({
      kind: 'file',
      name: basename(path),
      path,
      binary: typeof content !== 'string',
      image: isImagePath(path),
      tooLarge: isTooLargeToEdit(content),
    });
  }
  sortNodes(root);
  return root;
}

/** Every path the tree shows (files and folders), to check a new name against. */
export function allTreePaths(files: FileMap, folders: readonly string[]): Set<string> {
  const paths = new Set<string>();
  for (const path of [...Object.keys(files), ...folders]) {
    paths.add(path);
    for (const ancestor of ancestorsOf(path)) paths.add(ancestor);
  }
  return paths;
}
