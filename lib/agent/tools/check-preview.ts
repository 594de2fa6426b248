import { z } from 'zod';
import { resolveToolLimits, type ToolContext } from '../tool-context';
import type { CheckPreviewOutput } from '../tool-outputs';
import { defineTool } from './agent-tool';

const POLL_MS = 100;

/**
 * A change takes a moment to reach the page (hot update or reload). Waiting briefly for it spares
 * the model a round trip, and the answer stays honest: it is whatever the preview shows by then.
 */
async function checkPreview(_input: Record<string, never>, ctx: ToolContext): Promise<CheckPreviewOutput> {
  const { previewLoadWaitMs } = resolveToolLimits(ctx.limits);
  const deadline = Date.now() + previewLoadWaitMs;
  let result = ctx.preview.check();
  while (result.status === 'not-loaded' && Date.now() < deadline && !ctx.signal.aborted) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    result = ctx.preview.check();
  }
  return result;
}

export const checkPreviewTool = defineTool({
  name: 'check_preview',
  description:
    "Check the live preview (waits a few seconds for it to show your latest change). status is 'ready' only when the preview loaded your last file change with no error since; 'not-loaded' means it has not shown your latest change yet; 'error' lists uncaught exceptions, unhandled rejections, console errors and the dev server's compile errors since the last change; 'not-running' means no dev server is up.",
  inputSchema: z.object({}),
  effect: 'looks',
  execute: checkPreview,
});
