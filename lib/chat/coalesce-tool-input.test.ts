import type { UIMessageChunk } from 'ai';
import { describe, expect, it } from 'vitest';
import { coalesceToolInputDeltas } from './coalesce-tool-input';

function delta(toolCallId: string, inputTextDelta: string): UIMessageChunk {
  return { type: 'tool-input-delta', toolCallId, inputTextDelta };
}

/** A source the test feeds by hand, so it controls what arrives when. */
function manualSource() {
  let controller!: ReadableStreamDefaultController<UIMessageChunk>;
  const stream = new ReadableStream<UIMessageChunk>({ start: (c) => void (controller = c) });
  return { stream, controller };
}

async function readAll(stream: ReadableStream<UIMessageChunk>): Promise<UIMessageChunk[]> {
  const chunks: UIMessageChunk[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('coalesceToolInputDeltas', () => {
  it('merges consecutive deltas of one call and passes other chunks at once, in order', async () => {
    const { stream, controller } = manualSource();
    const out = readAll(coalesceToolInputDeltas(stream, 10_000));
    controller.enqueue({ type: 'tool-input-start', toolCallId: 'a', toolName: 'write_file' });
    controller.enqueue(delta('a', '{"path":'));
    controller.enqueue(delta('a', '"x.ts",'));
    controller.enqueue(delta('a', '"content":"hi"}'));
    controller.enqueue(delta('b', '{"pa'));
    controller.enqueue(delta('b', 'th":"y"}'));
    controller.enqueue({ type: 'tool-input-available', toolCallId: 'b', toolName: 'write_file', input: { path: 'y' } });
    controller.enqueue(delta('c', '{}'));
    controller.close();
    expect(await out).toEqual([
      { type: 'tool-input-start', toolCallId: 'a', toolName: 'write_file' },
      delta('a', '{"path":"x.ts","content":"hi"}'),
      delta('b', '{"path":"y"}'),
      { type: 'tool-input-available', toolCallId: 'b', toolName: 'write_file', input: { path: 'y' } },
      delta('c', '{}'),
    ]);
  });

  it('hands on what it holds once the interval passes, without waiting for the next chunk', async () => {
    const { stream, controller } = manualSource();
    const reader = coalesceToolInputDeltas(stream, 20).getReader();
    controller.enqueue(delta('a', '{"path":"x'));
    controller.enqueue(delta('a', '.ts"'));
    const first = await Promise.race([reader.read(), tick(1000).then(() => 'timed out')]);
    expect(first).toEqual({ done: false, value: delta('a', '{"path":"x.ts"') });
    controller.close();
    expect(await reader.read()).toEqual({ done: true, value: undefined });
  });

  it('keeps what arrived before the stream failed, then reports the failure', async () => {
    const { stream, controller } = manualSource();
    const reader = coalesceToolInputDeltas(stream, 10_000).getReader();
    controller.enqueue(delta('a', '{"path":"x.ts"'));
    await tick(0);
    controller.error(new Error('cut'));
    expect(await reader.read()).toEqual({ done: false, value: delta('a', '{"path":"x.ts"') });
    await expect(reader.read()).rejects.toThrow('cut');
  });

  it('stops reading the source and drops what it holds when the reader cancels', async () => {
    let cancelled: unknown = null;
    const source = new ReadableStream<UIMessageChunk>({
      start: (c) => c.enqueue(delta('a', '{"path"')),
      cancel: (reason) => void (cancelled = reason),
    });
    const reader = coalesceToolInputDeltas(source, 10).getReader();
    await tick(0);
    await reader.cancel('stop');
    await tick(30);
    expect(cancelled).toBe('stop');
    expect(await reader.read()).toEqual({ done: true, value: undefined });
  });
});
