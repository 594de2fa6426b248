import type { Scenario, ScenarioStep } from '../scenario';

/** Each failure scenario first writes hello.txt (so a test can check nothing written is lost), then fails. */
const writeHello: ScenarioStep = {
  text: 'Writing a file first.',
  tool_calls: [{ name: 'write_file', arguments: { path: 'hello.txt', content: 'Hello from before the failure.\n' } }],
};

const recovered = 'All good now: the request went through.';

export const fail401: Scenario = {
  name: 'fail-401',
  steps: [writeHello, { fail: { status: 401, message: 'Incorrect API key provided.' }, fail_times: 1, text: recovered }],
};

export const fail429: Scenario = {
  name: 'fail-429',
  steps: [writeHello, { fail: { status: 429, retry_after: 1, message: 'Rate limit reached.' }, fail_times: 2, text: recovered }],
};

export const fail500: Scenario = {
  name: 'fail-500',
  steps: [writeHello, { fail: { status: 500, message: 'The server had an error.' }, fail_times: 2, text: recovered }],
};

export const cutStream: Scenario = {
  name: 'cut-stream',
  steps: [
    writeHello,
    {
      text: 'This answer is long enough to be streamed in several pieces, and the connection drops part of the way through it.',
      chunk_size: 12,
      fail: { cut_after_chunks: 3 },
      fail_times: 1,
    },
  ],
};

export const badToolJson: Scenario = {
  name: 'bad-tool-json',
  steps: [
    { tool_calls: [{ name: 'write_file', raw_arguments: '{"path": "notes.txt", "content": "unfinished' }] },
    {
      text: 'My last call was malformed; sending it again.',
      tool_calls: [{ name: 'write_file', arguments: { path: 'notes.txt', content: 'Fixed notes.\n' } }],
    },
    { text: 'notes.txt is written.' },
  ],
};

export const unknownTool: Scenario = {
  name: 'unknown-tool',
  steps: [
    { tool_calls: [{ name: 'deploy_to_cloud', arguments: { target: 'production' } }] },
    { text: 'That tool does not exist here, so I cannot deploy. Everything else still works.' },
  ],
};
