import type { UIMessage } from 'ai';
import { describe, expect, it } from 'vitest';
import { countStepsSinceLastUser, endsInCompletedToolCalls, shouldContinue } from './step-budget';

type Part = UIMessage['parts'][number];

const user = (id: string): UIMessage => ({ id, role: 'user', parts: [{ type: 'text', text: 'hi' }] });
const call = (id: string, state: string): Part =>
  ({ type: 'tool-write_file', toolCallId: id, state, input: { path: 'a', content: '' }, output: { ok: true }, errorText: 'x' }) as unknown as Part;
const step = (...parts: Part[]): Part[] => [{ type: 'step-start' }, ...parts];
const assistant = (id: string, parts: Part[]): UIMessage => ({ id, role: 'assistant', parts });

function stepsOfCalls(count: number): Part[] {
  return Array.from({ length: count }, (_, i) => step(call(`c${i}`, 'output-available'))).flat();
}

describe('countStepsSinceLastUser', () => {
  it('counts step-start parts after the last user message only', () => {
    const messages = [user('u1'), assistant('a1', stepsOfCalls(5)), user('u2'), assistant('a2', stepsOfCalls(3))];
    expect(countStepsSinceLastUser(messages)).toBe(3);
    expect(countStepsSinceLastUser([user('u1')])).toBe(0);
  });

  it('counts a message without step markers as one step', () => {
    expect(countStepsSinceLastUser([user('u'), assistant('a', [{ type: 'text', text: 'ok' }])])).toBe(1);
  });
});

describe('shouldContinue', () => {
  it('continues while the last step ends in completed tool calls', () => {
    const messages = [user('u'), assistant('a', step(call('1', 'output-available'), call('2', 'output-error')))];
    expect(endsInCompletedToolCalls(messages)).toBe(true);
    expect(shouldContinue(messages)).toBe('continue');
  });

  it('stops when a tool call has no result yet', () => {
    const messages = [user('u'), assistant('a', step(call('1', 'output-available'), call('2', 'input-available')))];
    expect(shouldContinue(messages)).toBe('stop');
  });

  it('stops when the last step is plain text (the model answered)', () => {
    const messages = [
      user('u'),
      assistant('a', [...step(call('1', 'output-available')), ...step({ type: 'text', text: 'All done.' })]),
    ];
    expect(shouldContinue(messages)).toBe('stop');
  });

  it('stops when the last message is the user’s', () => {
    expect(shouldContinue([user('u')])).toBe('stop');
  });

  it('asks the user once the step budget is spent', () => {
    expect(shouldContinue([user('u'), assistant('a', stepsOfCalls(39))])).toBe('continue');
    expect(shouldContinue([user('u'), assistant('a', stepsOfCalls(40))])).toBe('ask-user');
    expect(shouldContinue([user('u'), assistant('a', stepsOfCalls(5))], 5)).toBe('ask-user');
    expect(shouldContinue([user('u'), assistant('a', stepsOfCalls(40))], 80)).toBe('continue');
  });
});
