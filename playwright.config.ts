import { defineConfig } from '@playwright/test';
import path from 'node:path';
import { chromiumLaunchArgs, findChromium } from './scripts/chromium-path.mjs';

import { e2ePorts } from './e2e/ports';

export const { APP_PORT, DEMO_APP_PORT, FAKE_LLM_PORT } = e2ePorts;

const workspaces = path.join(process.cwd(), '.data', 'e2e');

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${APP_PORT}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: findChromium() ?? undefined,
      args: chromiumLaunchArgs,
    },
  },
  webServer: [
    {
      command: `npx tsx e2e/fake-llm/server.ts`,
      port: FAKE_LLM_PORT,
      env: { FAKE_LLM_PORT: String(FAKE_LLM_PORT) },
      reuseExistingServer: false,
    },
    {
      command: 'npm start',
      port: APP_PORT,
      timeout: 60_000,
      env: {
        PORT: String(APP_PORT),
        OPENAI_COMPATIBLE_BASE_URL: `http://127.0.0.1:${FAKE_LLM_PORT}/v1`,
        OPENAI_COMPATIBLE_API_KEY: 'fake-key',
        OPENAI_COMPATIBLE_MODELS: 'fake-model',
        DEFAULT_MODEL: 'openai-compatible:fake-model',
        OLLAMA_BASE_URL: 'http://127.0.0.1:9',
        WORKSPACES_DIR: path.join(workspaces, 'main'),
        // No WEBCONTAINER_BOOT_TIMEOUT_MS: as for a person with RUNTIME unset, the default applies and
        // the reachability probe is what makes the fallback quick here (StackBlitz is unreachable).
        // e2e/security.spec.ts reaches the IDE under this name too.
        ALLOWED_HOSTS: 'tabsmith.test',
      },
      reuseExistingServer: false,
    },
    {
      // No model configured at all: the offline demo is the default.
      command: 'npm start',
      port: DEMO_APP_PORT,
      timeout: 60_000,
      env: {
        PORT: String(DEMO_APP_PORT),
        OLLAMA_BASE_URL: 'http://127.0.0.1:9',
        WORKSPACES_DIR: path.join(workspaces, 'demo'),
        RUNTIME: 'local',
      },
      reuseExistingServer: false,
    },
  ],
});
