export { serverMjs as staticServerMjs } from '../../../lib/llm/demo/starters/shared';

export function packageJsonWithoutDeps(name: string, scripts: Record<string, string>): string {
  return JSON.stringify({ name, private: true, version: '0.1.0', type: 'module', scripts }, null, 2) + '\n';
}

/** Prints a line, then works for ten minutes, like a long install: the command is still running when a test acts. */
export const tenMinuteInstallJs = "console.log('Installing packages…');\nsetTimeout(() => console.log('Installed.'), 600_000);\n";
