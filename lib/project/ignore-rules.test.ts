import { describe, expect, it } from 'vitest';
import { createIgnoreRules, ignoreRulesFor } from './ignore-rules';

describe('ignore rules', () => {
  it('leaves out tool folders, build output and caches by default', () => {
    const rules = createIgnoreRules();
    for (const path of ['node_modules/react/index.js', '.git/HEAD', 'dist/index.html', 'build/app.js', '.next/cache/x', 'web/node_modules/a.js', '.vite/deps/a.js']) {
      expect(rules.ignores(path), path).toBe(true);
    }
    for (const path of ['src/App.tsx', 'package.json', 'distance.ts', 'src/build.ts', '.env', '.gitignore']) {
      expect(rules.ignores(path), path).toBe(false);
    }
  });

  it("adds the project's .gitignore", () => {
    const rules = createIgnoreRules('*.log\nsecret/\n!keep.log\n');
    expect(rules.ignores('debug.log')).toBe(true);
    expect(rules.ignores('keep.log')).toBe(false);
    expect(rules.ignores('secret/key.txt')).toBe(true);
    expect(rules.ignores('src/main.ts')).toBe(false);
  });

  it('never lets .gitignore bring .git back, in any case', () => {
    const rules = createIgnoreRules('!.git/\n!.GIT/\n');
    expect(rules.ignores('.git/config')).toBe(true);
    expect(rules.ignores('sub/.GIT/config')).toBe(true);
  });

  it('rebuilds only when the .gitignore text changes', () => {
    const first = ignoreRulesFor(null, 'a');
    expect(ignoreRulesFor(first, 'a')).toBe(first);
    expect(ignoreRulesFor(first, 'b')).not.toBe(first);
  });
});
