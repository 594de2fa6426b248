import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
  LanguageModelV3Usage,
} from '@ai-sdk/provider';
import { planDemoStep, type DemoStep } from './demo-plan';

export interface DemoModelOptions {
  /** Pause between streamed pieces so the build looks live; 0 in tests. */
  delayMs?: number;
  /** Characters per streamed piece of a tool input. */
  chunkSize?: number;
}

function split(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces;
}

/** The demo is not a model and spends no tokens, so it reports none rather than made-up counts. */
const noUsage: LanguageModelV3Usage = {
  inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: undefined, text: undefined, reasoning: undefined },
};

function newCallId(): string {
  return `demo-${crypto.randomUUID().slice(0, 8)}`;
}

/**
 * The offline demo: a LanguageModelV3 that is not AI. It replays a scripted build of a starter app, one step per
 * request, through the same tool calls a real model makes, so the whole app works with no provider at all.
 */
export class DemoLanguageModel implements LanguageModelV3 {
  readonly specificationVersion = 'v3';
  readonly provider = 'demo';
  readonly modelId = 'offline';
  readonly supportedUrls = {};
  private readonly delayMs: number;
  private readonly chunkSize: number;

  constructor(options: DemoModelOptions = {}) {
    this.delayMs = options.delayMs ?? 12;
    this.chunkSize = options.chunkSize ?? 160;
  }

  async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    const step = planDemoStep(options.prompt);
    const content: LanguageModelV3Content[] = [];
    if (step.text) content.push({ type: 'text', text: step.text });
    if (step.toolCall) {
      content.push({
        type: 'tool-call',
        toolCallId: newCallId(),
        toolName: step.toolCall.toolName,
        input: JSON.stringify(step.toolCall.input),
      });
    }
    return {
      content,
      finishReason: step.toolCall ? { unified: 'tool-calls', raw: 'tool_calls' } : { unified: 'stop', raw: 'stop' },
      usage: noUsage,
      warnings: [],
    };
  }

  async doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    const step = planDemoStep(options.prompt);
    const parts = this.partsFor(step);
    const { delayMs } = this;
    const signal = options.abortSignal;
    let index = 0;

    const stream = new ReadableStream<LanguageModelV3StreamPart>({
      async pull(controller) {
        if (signal?.aborted) {
          controller.close();
          return;
        }
        const part = parts[index++];
        if (!part) {
          controller.close();
          return;
        }
        if (delayMs > 0 && (part.type === 'text-delta' || part.type === 'tool-input-delta')) {
          await new Promise((resolve) => setTimeout(resolve, delayMs));
        }
        controller.enqueue(part);
      },
    });
    return { stream };
  }

  private partsFor(step: DemoStep): LanguageModelV3StreamPart[] {
    const parts: LanguageModelV3StreamPart[] = [{ type: 'stream-start', warnings: [] }];
    if (step.text) {
      parts.push({ type: 'text-start', id: 'text-0' });
      for (const piece of split(step.text, 24)) parts.push({ type: 'text-delta', id: 'text-0', delta: piece });
      parts.push({ type: 'text-end', id: 'text-0' });
    }
    if (step.toolCall) {
      const id = newCallId();
      const input = JSON.stringify(step.toolCall.input);
      parts.push({ type: 'tool-input-start', id, toolName: step.toolCall.toolName });
      for (const piece of split(input, this.chunkSize)) parts.push({ type: 'tool-input-delta', id, delta: piece });
      parts.push({ type: 'tool-input-end', id });
      parts.push({ type: 'tool-call', toolCallId: id, toolName: step.toolCall.toolName, input });
    }
    parts.push({
      type: 'finish',
      finishReason: step.toolCall ? { unified: 'tool-calls', raw: 'tool_calls' } : { unified: 'stop', raw: 'stop' },
      usage: noUsage,
    });
    return parts;
  }
}
