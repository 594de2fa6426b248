export { serverMjs as staticServerMjs } from '../../../lib/llm/demo/starters/shared';

export function packageJsonWithoutDeps(name: string, scripts: Record<string, string>): string {
  return JSON.stringify({ name, private: true, version: '0.1.0', type: 'module', scripts }, null, 2) + '\n';
}
