import { describe, expect, it } from 'vitest';
import { isTooLargeToEdit, TOO_LARGE_TO_EDIT_BYTES } from './large-files';

describe('isTooLargeToEdit', () => {
  it('is true for bytes and text above the limit, false at or below it', () => {
    expect(isTooLargeToEdit(new Uint8Array(TOO_LARGE_TO_EDIT_BYTES + 1))).toBe(true);
    expect(isTooLargeToEdit(new Uint8Array(TOO_LARGE_TO_EDIT_BYTES))).toBe(false);
    expect(isTooLargeToEdit('a'.repeat(TOO_LARGE_TO_EDIT_BYTES + 1))).toBe(true);
    expect(isTooLargeToEdit('a'.repeat(TOO_LARGE_TO_EDIT_BYTES))).toBe(false);
    expect(isTooLargeToEdit('small')).toBe(false);
  });

  it('counts text in UTF-8 bytes, not characters', () => {
    // Two million three-byte characters: 6 MB on disk though only 2 million characters long.
    expect(isTooLargeToEdit('€'.repeat(2_000_000))).toBe(true);
    expect(isTooLargeToEdit('€'.repeat(1_000_000))).toBe(false);
  });
});
