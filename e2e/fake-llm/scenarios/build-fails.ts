import type { Scenario } from '../scenario';
import { packageJsonWithoutDeps } from './shared-files';

export const BUILD_FAILURE_MESSAGE = 'Build failed: src/App.tsx(3,1): missing closing bracket';

export const buildFails: Scenario = {
  name: 'build-fails',
  keywords: ['build fails', 'broken build'],
  steps: [
    {
      tool_calls: [
        {
          name: 'write_file',
          arguments: {
            path: 'package.json',
            content: packageJsonWithoutDeps('broken-build', {
              build: `node -e "console.error('${BUILD_FAILURE_MESSAGE}'); process.exit(1)"`,
            }),
          },
        },
      ],
    },
    { tool_calls: [{ name: 'run_command', arguments: { command: 'npm run build' } }] },
    { text: 'The build failed (exit code 1). The output says a closing bracket is missing in src/App.tsx.' },
  ],
};
