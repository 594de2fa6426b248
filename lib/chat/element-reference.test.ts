import { describe, expect, it } from 'vitest';
import { addElement, elementChipLabel, withElementContext } from './element-reference';

const button = { tag: 'button', text: 'Count: 0', id: 'count-button', classes: ['big'], selector: '#count-button' };

describe('element references', () => {
  it('labels a chip with the tag and text', () => {
    expect(elementChipLabel(button)).toBe('<button> Count: 0');
    expect(elementChipLabel({ tag: 'div', text: '', selector: 'body > div' })).toBe('<div>');
    expect(elementChipLabel({ ...button, text: 'x'.repeat(60) })).toBe(`<button> ${'x'.repeat(40)}…`);
  });

  it('appends the elements to the message as context', () => {
    const text = withElementContext('Make this red', [button]);
    expect(text).toMatch(/^Make this red\n\nThe user selected this element in the preview:\n/);
    expect(text).toContain('a <button> element with the text "Count: 0" (selector `#count-button`, id "count-button", classes "big")');
    expect(withElementContext('Hi', [])).toBe('Hi');
  });

  it('keeps one entry per element', () => {
    expect(addElement(addElement([], button), { ...button, text: 'Count: 1' })).toEqual([{ ...button, text: 'Count: 1' }]);
  });
});
