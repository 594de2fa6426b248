import { describe, expect, it } from 'vitest';
import { notReadySentence, runPhaseText } from './runtime-words';

describe('run phase text', () => {
  it('adds elapsed seconds while installing or starting, not once running', () => {
    const started = 1_000_000;
    expect(runPhaseText({ phase: 'installing', label: 'Installing packages…', startedAt: started }, started + 14_400)).toBe(
      'Installing packages… 14 s',
    );
    expect(runPhaseText({ phase: 'starting', label: 'Starting your app…', startedAt: started }, started + 300)).toBe(
      'Starting your app…',
    );
    expect(runPhaseText({ phase: 'running', label: 'Your app is running', startedAt: started }, started + 60_000)).toBe(
      'Your app is running',
    );
  });
});

describe('why the terminal cannot run commands', () => {
  it('is silent when a runtime is ready, and explains booting and unavailable runtimes', () => {
    expect(notReadySentence({ kind: 'local', state: 'ready', confined: true }, true)).toBeNull();
    expect(notReadySentence(null, false)).toMatch(/still starting/);
    expect(
      notReadySentence({ kind: 'webcontainer', state: 'unavailable', confined: true, message: 'No local runtime.' }, false),
    ).toBe('No local runtime.');
    expect(notReadySentence({ kind: 'local', state: 'crashed', confined: true }, true)).toMatch(/stopped working/);
  });
});
