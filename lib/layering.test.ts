import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The one-way layering of DESIGN.md §1, as the lint enforces it. */
describe('import layering (eslint.config.mjs)', () => {
  const eslint = new ESLint({ cwd: process.cwd() });

  async function restricted(filePath: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath });
    return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  }

  it('keeps React and Next out of lib/', async () => {
    expect(await restricted('lib/agent/x.ts', "import { useState } from 'react';\nexport const a = useState;\n")).toEqual([
      expect.stringContaining('no React or Next'),
    ]);
    expect(await restricted('lib/llm/x.ts', "import { NextResponse } from 'next/server';\nexport const a = NextResponse;\n")).toHaveLength(1);
    expect(await restricted('lib/agent/x.ts', "import { z } from 'zod';\nexport const a = z;\n")).toEqual([]);
  }, 60_000);

  it('lets imports point only downwards: app → components → lib', async () => {
    expect(await restricted('lib/agent/x.ts', "import { ChatPane } from '@/components/chat/ChatPane';\nexport const a = ChatPane;\n")).toHaveLength(1);
    expect(await restricted('components/chat/x.ts', "import page from '@/app/page';\nexport const a = page;\n")).toHaveLength(1);
    expect(await restricted('components/chat/x.ts', "import { agentTools } from '@/lib/agent/tools';\nexport const a = agentTools;\n")).toEqual([]);
  }, 60_000);

  it('never lets one runtime backend import another', async () => {
    expect(await restricted('lib/runtime/webcontainer/x.ts', "import { createLocalRuntime } from '../local/local-runtime';\nexport const a = createLocalRuntime;\n")).toEqual([
      expect.stringContaining('never imports another backend'),
    ]);
    expect(await restricted('lib/runtime/local/x.ts', "import { x } from '../webcontainer/webcontainer-runtime';\nexport const a = x;\n")).toHaveLength(1);
    expect(await restricted('lib/runtime/local/x.ts', "import { stripAnsi } from '../output';\nexport const a = stripAnsi;\n")).toEqual([]);
  }, 60_000);
});
