import type { SelectedElement } from '../runtime/preview-bridge/messages';

export type { SelectedElement };

const CHIP_TEXT_CHARS = 40;

/** `<button> Count: 0` — what the chip in the composer reads. */
export function elementChipLabel(element: SelectedElement): string {
  const text = element.text.length > CHIP_TEXT_CHARS ? `${element.text.slice(0, CHIP_TEXT_CHARS)}…` : element.text;
  return text ? `<${element.tag}> ${text}` : `<${element.tag}>`;
}

function describe(element: SelectedElement): string {
  const facts = [`selector \`${element.selector}\``];
  if (element.id) facts.push(`id "${element.id}"`);
  if (element.classes?.length) facts.push(`classes ${element.classes.map((c) => `"${c}"`).join(', ')}`);
  const text = element.text ? ` with the text "${element.text}"` : '';
  return `- a <${element.tag}> element${text} (${facts.join(', ')})`;
}

/** The message text with the selected elements appended as context the model can act on. */
export function withElementContext(text: string, elements: readonly SelectedElement[]): string {
  if (elements.length === 0) return text;
  const lines = elements.map(describe).join('\n');
  const intro = elements.length === 1 ? 'The user selected this element in the preview:' : 'The user selected these elements in the preview:';
  return `${text}\n\n${intro}\n${lines}`;
}

/** Two picks of the same element count once. */
export function addElement(list: readonly SelectedElement[], element: SelectedElement, max = 5): SelectedElement[] {
  const rest = list.filter((e) => e.selector !== element.selector);
  return [...rest, element].slice(-max);
}
