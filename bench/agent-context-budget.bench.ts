// Request size at step 40 of a long turn on a 200-file project: system prompt plus the messages as
// /api/chat sends them, in estimated tokens (budget: CONTEXT_TOKEN_BUDGET).
import { compactMessagesForModel, CONTEXT_TOKEN_BUDGET, estimateTokens } from '../lib/agent/compact-messages';
import { buildSystemPrompt } from '../lib/agent/system-prompt';
import { longTurnOnLargeProject } from '../lib/agent/test-support/long-turn';
import { printRows } from './report';

const { fileList, messages } = longTurnOnLargeProject({ files: 200, steps: 40 });
const system = estimateTokens(buildSystemPrompt({ mode: 'build', fileList, runtime: 'local' }));
const before = system + estimateTokens(messages);
const after = system + estimateTokens(compactMessagesForModel(messages));

printRows([
  {
    measure: 'request at step 40, 200-file project, without shortening (est. tokens)',
    figure: String(before),
    budget: 'for comparison',
    ok: true,
  },
  {
    measure: 'request at step 40, 200-file project (est. tokens)',
    figure: String(after),
    budget: `< ${CONTEXT_TOKEN_BUDGET}`,
    ok: after < CONTEXT_TOKEN_BUDGET,
  },
]);
