import { describe, expect, it } from 'vitest';
import { LanguageWorkerGate, type GateTimers } from './language-worker-gate';

function manualTimers() {
  const pending = new Map<number, { run: () => void; ms: number }>();
  let next = 0;
  const timers: GateTimers = {
    set: (run, ms) => {
      pending.set(++next, { run, ms });
      return next;
    },
    clear: (handle) => void pending.delete(handle as number),
  };
  const fireAll = () => {
    for (const [id, timer] of [...pending]) {
      pending.delete(id);
      timer.run();
    }
  };
  return { timers, pending, fireAll };
}

const settled = async <T>(promise: Promise<T>): Promise<{ done: boolean; value?: T }> => {
  let state: { done: boolean; value?: T } = { done: false };
  void promise.then((value) => (state = { done: true, value }));
  await new Promise((resolve) => setTimeout(resolve, 0));
  return state;
};

describe('LanguageWorkerGate', () => {
  it('holds a TypeScript worker until the workbench has been quiet for the whole wait', async () => {
    const { timers, pending, fireAll } = manualTimers();
    const gate = new LanguageWorkerGate(2000, timers);
    const created: string[] = [];
    const factory = gate.gateWorkerFactory((_id, label) => {
      created.push(label);
      return label;
    });

    const worker = Promise.resolve(factory('workerMain.js', 'typescript'));
    expect(created).toEqual([]);
    gate.setBusy(false);
    expect([...pending.values()].map((t) => t.ms)).toEqual([2000]);
    expect((await settled(worker)).done).toBe(false);

    fireAll();
    expect(await settled(worker)).toEqual({ done: true, value: 'typescript' });
    expect(created).toEqual(['typescript']);
    expect(gate.opened).toBe(true);
  });

  it('starts the quiet wait again after a busy spell, so a Run pressed right after load still holds the worker', async () => {
    const { timers, pending, fireAll } = manualTimers();
    const gate = new LanguageWorkerGate(2000, timers);
    gate.setBusy(false);
    gate.setBusy(true);
    expect(pending.size).toBe(0);
    const waiting = gate.wait();
    expect((await settled(waiting)).done).toBe(false);
    gate.setBusy(false);
    fireAll();
    expect((await settled(waiting)).done).toBe(true);
  });

  it('opens at once when the person works in the editor, even while the agent is busy', async () => {
    const { timers, pending } = manualTimers();
    const gate = new LanguageWorkerGate(2000, timers);
    gate.setBusy(true);
    const factory = gate.gateWorkerFactory((_id, label) => label);
    const worker = Promise.resolve(factory('workerMain.js', 'javascript'));
    gate.open();
    expect(await settled(worker)).toEqual({ done: true, value: 'javascript' });
    expect(pending.size).toBe(0);
    // Once open it stays open: a later busy spell does not hold new workers.
    gate.setBusy(true);
    expect(factory('workerMain.js', 'css')).toBe('css');
  });

  it('never holds the editor worker that the diff view needs', () => {
    const gate = new LanguageWorkerGate(2000, manualTimers().timers);
    const factory = gate.gateWorkerFactory((_id, label) => `worker:${label}`);
    expect(factory('workerMain.js', 'editorWorkerService')).toBe('worker:editorWorkerService');
  });
});
