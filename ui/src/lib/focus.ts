// Where keyboard focus goes when a screen is shown: the element a screen marks with
// `data-autofocus` (the search box, the review card), else the screen's heading. Focus moves
// synchronously once the screen is in the DOM, so text typed right after Ctrl+3 (Korean
// through an IME too) lands in the box instead of being lost on the body.

/** Focuses the shown screen's typing target (or its heading) and returns it. */
export function focusScreen(root: ParentNode = document): HTMLElement | null {
  const target =
    root.querySelector<HTMLElement>("[data-autofocus]") ?? root.querySelector<HTMLElement>("#screen-title");
  target?.focus();
  return target;
}
