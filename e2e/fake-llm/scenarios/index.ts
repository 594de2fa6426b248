import type { Scenario } from '../scenario';
import { agentTools1, agentTools2, agentTools3, syncFails } from './agent-tools';
import { agentVite1, agentVite2, agentVite3 } from './agent-vite';
import { benchStream } from './bench-stream';
import { buildFails } from './build-fails';
import { busyTypeError } from './busy-type-error';
import { counter } from './counter';
import { editRetry } from './edit-retry';
import { badToolJson, cutStream, fail401, fail429, fail500, unknownTool } from './failures';
import { claimsWorks, discuss, keepsFailing, threeTurns1, threeTurns2, threeTurns3 } from './finishing';
import { previewHeld1, previewHeld2 } from './preview-held';
import { checkBreaks, checkBrokenCounter, checkCounter, checkCounterAgain } from './self-checks';
import { reloadMidTurn } from './reload-mid-turn';
import { stopMidWrite } from './stop-mid-write';
import { viteTailwind } from './vite-tailwind';

export const scenarios: Scenario[] = [
  counter,
  editRetry,
  buildFails,
  fail401,
  fail429,
  fail500,
  cutStream,
  badToolJson,
  unknownTool,
  stopMidWrite,
  reloadMidTurn,
  benchStream,
  threeTurns1,
  threeTurns2,
  threeTurns3,
  claimsWorks,
  keepsFailing,
  discuss,
  viteTailwind,
  agentTools1,
  agentTools2,
  agentTools3,
  syncFails,
  checkCounter,
  checkCounterAgain,
  checkBrokenCounter,
  checkBreaks,
  agentVite1,
  agentVite2,
  agentVite3,
  previewHeld1,
  previewHeld2,
  busyTypeError,
];
