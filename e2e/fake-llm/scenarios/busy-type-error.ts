import type { Scenario } from '../scenario';
import { tenMinuteInstallJs } from './shared-files';

export const BUSY_TYPE_ERROR_FILE = 'src/total.ts';

/**
 * For the editor's language workers (e2e/editor-workers.spec.ts): writes a TypeScript file with a type error, then
 * runs a command that keeps the turn busy, so the TypeScript worker must wait until the person uses the editor.
 */
export const busyTypeError: Scenario = {
  name: 'busy-type-error',
  steps: [
    {
      tool_calls: [
        { name: 'write_file', arguments: { path: BUSY_TYPE_ERROR_FILE, content: 'export const total: number = "not a number";\n' } },
        { name: 'write_file', arguments: { path: 'install.js', content: tenMinuteInstallJs } },
        { name: 'run_command', arguments: { command: 'node install.js', timeout_seconds: 900 } },
      ],
    },
    { text: 'The install was stopped.' },
  ],
};
