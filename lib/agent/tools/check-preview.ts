import type { ToolContext } from '../tool-context';
import type { CheckPreviewOutput } from '../tool-outputs';
import type { ToolInput } from '../tool-schemas';

export async function checkPreviewTool(_input: ToolInput<'check_preview'>, ctx: ToolContext): Promise<CheckPreviewOutput> {
  return ctx.preview.check();
}
