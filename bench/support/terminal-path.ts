import path from 'node:path';
import { projectNode } from '../../lib/runtime/local/server/project-node';

/**
 * PATH as a developer's terminal has it: the machine's Node (the one sandboxed projects run on) first, not the Node
 * this repository's npm scripts put first on PATH, so a by-hand baseline runs npm on the same Node as the sandbox.
 */
export function terminalPath(): string {
  return [path.dirname(projectNode()), process.env.PATH].join(path.delimiter);
}
