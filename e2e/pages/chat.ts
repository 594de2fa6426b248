import { e2ePorts } from '../ports';
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const FAKE_LLM_URL = `http://127.0.0.1:${e2ePorts.FAKE_LLM_PORT}`;

/** One recorded `/v1/chat/completions` body, as the fake model received it. */
export interface FakeRequest {
  model?: string;
  messages: { role: string; content?: unknown; tool_calls?: { function: { name: string; arguments: string } }[] }[];
}

/** The fake model server's recorder (`e2e/fake-llm`). */
export class FakeLlm {
  constructor(private readonly request: APIRequestContext) {}

  async reset(): Promise<void> {
    await this.request.post(`${FAKE_LLM_URL}/__reset`);
  }

  async requests(): Promise<FakeRequest[]> {
    const res = await this.request.get(`${FAKE_LLM_URL}/__requests`);
    return (await res.json()) as FakeRequest[];
  }

  /** Text of every `tool` message the model was sent, in order. */
  static toolResults(request: FakeRequest): string[] {
    return request.messages
      .filter((m) => m.role === 'tool')
      .map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)));
  }
}

/** Files the local runtime holds for a project (`WORKSPACES_DIR/<id>/`); what the runtime really has. */
export class Workspace {
  constructor(readonly dir: string) {}

  static forPage(page: Page, app: 'main' | 'demo' = 'main'): Workspace {
    const id = new URL(page.url()).pathname.split('/').pop() ?? '';
    return new Workspace(path.join(process.cwd(), '.data', 'e2e', app, id));
  }

  has(file: string): boolean {
    return existsSync(path.join(this.dir, file));
  }

  read(file: string): string {
    return readFileSync(path.join(this.dir, file), 'utf8');
  }
}

/** The chat pane of the workbench. */
export class ChatPanel {
  readonly input: Locator;
  readonly send: Locator;
  readonly stop: Locator;
  readonly modelPicker: Locator;
  readonly messages: Locator;
  readonly assistantMessages: Locator;
  readonly userMessages: Locator;
  readonly toolRows: Locator;
  readonly error: Locator;
  readonly retry: Locator;

  constructor(readonly page: Page) {
    this.input = page.getByTestId('chat-input');
    this.send = page.getByTestId('chat-send');
    this.stop = page.getByTestId('chat-stop');
    this.modelPicker = page.getByTestId('model-picker');
    this.messages = page.getByTestId('chat-message');
    this.assistantMessages = page.locator('[data-testid="chat-message"][data-role="assistant"]');
    this.userMessages = page.locator('[data-testid="chat-message"][data-role="user"]');
    this.toolRows = page.getByTestId('tool-row');
    this.error = page.getByTestId('chat-error');
    this.retry = page.getByTestId('chat-retry');
  }

  /** Home → prompt → the new project's workbench; the chat sends the prompt by itself. */
  async startProject(prompt: string, baseURL?: string): Promise<void> {
    await this.page.goto(baseURL ? `${baseURL}/` : '/');
    await this.page.getByTestId('prompt-input').fill(prompt);
    await this.page.getByTestId('prompt-input').press('Enter');
    await this.page.waitForURL(/\/p\/[^/]+$/);
    await expect(this.input).toBeVisible();
  }

  /** Returns once the message shows in the chat, so a wait for the turn to end cannot pass before it began. */
  async sendMessage(text: string): Promise<void> {
    const before = await this.userMessages.count();
    await this.input.fill(text);
    await this.input.press('Enter');
    await expect.poll(() => this.userMessages.count()).toBeGreaterThan(before);
  }

  rows(tool: string): Locator {
    return this.page.locator(`[data-testid="tool-row"][data-tool="${tool}"]`);
  }

  /** Neither a reply nor a tool is running. */
  async waitUntilIdle(timeout = 60_000): Promise<void> {
    await expect(this.stop).toBeHidden({ timeout });
    await expect(this.page.getByTestId('chat-thinking')).toBeHidden({ timeout });
  }

  async expectAssistantSays(text: string | RegExp, timeout = 60_000): Promise<void> {
    await expect(this.assistantMessages.last()).toContainText(text, { timeout });
  }
}
