/**
 * Monaco places its floating widgets (suggestions, hovers) against the window, so next to a narrow
 * editor they spill over the preview. This moves each one back over the editor whenever Monaco
 * positions it; the stylesheet caps their width at the editor's (`--editor-width`). `widgetsNode` is the
 * view's `.overflowingContentWidgets`.
 */
export function keepWidgetsInside(editorNode: HTMLElement, widgetsNode: HTMLElement): () => void {
  let width = '';
  let movesThisFrame = 0;
  const place = () => {
    // A widget that left/top do not move would otherwise be moved again on every mutation, forever.
    if (movesThisFrame > 20) return;
    // Whole pixels inside the editor's box, so a widget moved to an edge never ends a fraction outside it.
    const box = editorNode.getBoundingClientRect();
    const bounds = { left: Math.ceil(box.left), right: Math.floor(box.right), top: Math.ceil(box.top), bottom: Math.floor(box.bottom) };
    // Set only on a change: every write is a mutation this observer sees.
    if (width !== `${bounds.right - bounds.left}px`) {
      width = `${bounds.right - bounds.left}px`;
      widgetsNode.style.setProperty('--editor-width', width);
    }
    for (const widget of Array.from(widgetsNode.children)) {
      if (!(widget instanceof HTMLElement)) continue;
      const placed = widget.getBoundingClientRect();
      // A hidden widget has an empty box wherever its style puts it; moving it would never settle.
      if (placed.width === 0 || placed.height === 0) continue;
      const dx = shift(placed.left, placed.right, bounds.left, bounds.right);
      const dy = shift(placed.top, placed.bottom, bounds.top, bounds.bottom);
      if (dx === 0 && dy === 0) continue;
      if (movesThisFrame++ === 0) requestAnimationFrame(() => (movesThisFrame = 0));
      if (dx !== 0) widget.style.left = `${(parseFloat(widget.style.left) || 0) + dx}px`;
      if (dy !== 0) widget.style.top = `${(parseFloat(widget.style.top) || 0) + dy}px`;
    }
  };
  // Each move is a style change too; once a widget is inside, `shift` is 0 and the observer goes quiet.
  const observer = new MutationObserver(place);
  observer.observe(widgetsNode, { subtree: true, childList: true, attributes: true, attributeFilter: ['style', 'class'] });
  place();
  return () => observer.disconnect();
}

/** How far to move the segment [start, end] to lie within [min, max]; its start wins when it cannot fit. */
export function shift(start: number, end: number, min: number, max: number): number {
  if (end > max) {
    const moved = start - (end - max);
    return Math.max(moved, min) - start;
  }
  if (start < min) return min - start;
  return 0;
}
