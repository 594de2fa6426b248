import type { Scenario } from '../scenario';

/** Ends with greeting.txt reading "Hi there, world!\n" after one failed edit. */
export const editRetry: Scenario = {
  name: 'edit-retry',
  steps: [
    { tool_calls: [{ name: 'write_file', arguments: { path: 'greeting.txt', content: 'Hello, world!\n' } }] },
    {
      text: "I'll change the greeting.",
      tool_calls: [
        { name: 'edit_file', arguments: { path: 'greeting.txt', edits: [{ old_text: 'Goodbye, world!', new_text: 'Hi there, world!' }] } },
      ],
    },
    {
      text: 'That text was not in the file; editing the right line now.',
      tool_calls: [
        { name: 'edit_file', arguments: { path: 'greeting.txt', edits: [{ old_text: 'Hello, world!', new_text: 'Hi there, world!' }] } },
      ],
    },
    { text: 'The greeting now says "Hi there, world!".' },
  ],
};
