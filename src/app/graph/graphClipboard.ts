/**
 * The graph's clipboard: kept in the page (always works) and mirrored as JSON on the system
 * clipboard when the browser allows it, so a selection can be pasted into another tab.
 */
import { isClipboard, type Clipboard } from '../store/clipboard';

let current: Clipboard | undefined;
let pastes = 0;

export function setGraphClipboard(clip: Clipboard): void {
  current = clip;
  pastes = 0;
  try {
    void navigator.clipboard?.writeText(JSON.stringify(clip)).catch(() => undefined);
  } catch {
    // No system clipboard (insecure context, permissions): the page clipboard still works.
  }
}

export function getGraphClipboard(): Clipboard | undefined {
  return current;
}

/** Takes a clipboard pasted from the system (another tab); undefined if the text is not one. */
export function clipboardFromText(text: string): Clipboard | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isClipboard(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Each paste of the same clipboard lands a step further, so copies do not pile up. */
export function nextPasteOffset(step = 40): { x: number; y: number } {
  pastes += 1;
  return { x: step * pastes, y: step * pastes };
}

/** A system clipboard different from ours replaces it (copied in another tab). */
export function adoptClipboard(clip: Clipboard): void {
  if (current && JSON.stringify(current) === JSON.stringify(clip)) return;
  current = clip;
  pastes = 0;
}
