import { z } from 'zod';
import { PreviewTestError } from '../../runtime/preview-bridge/preview-tester';
import { PREVIEW_STEP_ACTIONS } from '../../runtime/preview-bridge/steps';
import type { ToolContext } from '../tool-context';
import type { TestPreviewOutput } from '../tool-outputs';
import { ToolError } from '../tool-results';
import { defineTool } from './agent-tool';

const NOT_RUNNING =
  'The app is not running, so there is no preview to test. Start the dev server with run_command (background: true), then call test_preview again.';

const inputSchema = z.object({
  path: z.string().optional().describe('Page to load first, e.g. "/" or "/settings"; defaults to the page the preview shows'),
  steps: z
    .array(
      z.object({
        action: z.enum(PREVIEW_STEP_ACTIONS),
        target: z
          .string()
          .optional()
          .describe('What to act on: its visible text ("Add"), a label ("Email"), a placeholder ("New todo") or a CSS selector ("#total")'),
        value: z.string().optional().describe('The text to fill, the key to press ("Enter"), or the text to expect'),
      }),
    )
    .min(1)
    .max(30),
});

async function testPreview(input: z.infer<typeof inputSchema>, ctx: ToolContext): Promise<TestPreviewOutput> {
  if (!ctx.previewTester) throw new ToolError('There is no preview pane to test in right now. Use check_preview instead.');
  if (!ctx.runtime || !ctx.runtime.openPorts().some((port) => port.open)) throw new ToolError(NOT_RUNNING);
  const path = input.path?.trim() || ctx.previewPath?.() || '/';
  try {
    const result = await ctx.previewTester.run({ path, steps: input.steps }, ctx.signal);
    if (result.passed) ctx.hooks?.onPreviewTestPassed?.({ path, steps: input.steps });
    return { ...result, path };
  } catch (error) {
    if (error instanceof PreviewTestError) throw new ToolError(error.message);
    throw error;
  }
}

export const testPreviewTool = defineTool({
  name: 'test_preview',
  description:
    'Test the app the way a person would, in the live preview: the page is loaded afresh, then the steps run in order (click, fill, press a key, expect_text, expect_no_text), each waiting briefly for the page, stopping at the first failure. Returns passed, each step with a plain detail, the visible text afterwards and errors seen. A passing test is saved as a check that runs again after later changes.',
  inputSchema,
  effect: 'looks',
  execute: testPreview,
});
