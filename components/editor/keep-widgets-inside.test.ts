import { describe, expect, it } from 'vitest';
import { shift } from './keep-widgets-inside';

describe('shift', () => {
  it('leaves a widget that is inside alone', () => {
    expect(shift(120, 300, 100, 500)).toBe(0);
  });

  it('moves a widget that spills over the right edge back inside', () => {
    expect(shift(400, 650, 100, 500)).toBe(-150);
  });

  it('moves a widget left of the editor to its edge', () => {
    expect(shift(40, 200, 100, 500)).toBe(60);
  });

  it('puts the start at the edge when the widget is wider than the editor', () => {
    expect(shift(300, 800, 100, 500)).toBe(-200);
  });
});
