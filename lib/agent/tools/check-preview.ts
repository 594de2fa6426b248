import { z } from 'zod';
import type { CheckPreviewOutput } from '../tool-outputs';
import { defineTool } from './agent-tool';

export const checkPreviewTool = defineTool({
  name: 'check_preview',
  description:
    "Check the live preview. status is 'ready' only when the preview loaded after your last file change with no error since; 'not-loaded' means it has not shown your latest change yet (check again in a moment); 'error' lists uncaught exceptions, unhandled rejections, console errors and the dev server's compile errors since the last change; 'not-running' means no dev server is up.",
  inputSchema: z.object({}),
  effect: 'looks',
  async execute(_input, ctx): Promise<CheckPreviewOutput> {
    return ctx.preview.check();
  },
});
