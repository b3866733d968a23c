/**
 * The graph's own keys, active only while focus is inside the graph and never while typing in a
 * field: Delete/Backspace delete the selection, Ctrl/⌘+D duplicate, Ctrl/⌘+C copy, Ctrl/⌘+V
 * paste, Ctrl/⌘+A select all, Escape clear the selection. (Undo/redo are global: toolbar/shortcuts.)
 */
export type GraphKeyAction = 'delete' | 'duplicate' | 'copy' | 'paste' | 'selectAll' | 'clear' | null;

export interface KeyLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

export function graphKeyAction(e: KeyLike): GraphKeyAction {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (!mod && !e.altKey && (key === 'delete' || key === 'backspace')) return 'delete';
  if (!mod && key === 'escape') return 'clear';
  if (!mod || e.altKey || e.shiftKey) return null;
  if (key === 'd') return 'duplicate';
  if (key === 'c') return 'copy';
  if (key === 'v') return 'paste';
  if (key === 'a') return 'selectAll';
  return null;
}

/** Whether a key event goes to something the user types into (inputs, text areas, editors). */
export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as { tagName?: unknown; isContentEditable?: boolean; type?: string } | null;
  if (!el || typeof el.tagName !== 'string') return false;
  const tag = el.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select' || el.isContentEditable) return true;
  if (tag !== 'input') return false;
  return !['checkbox', 'radio', 'range', 'button', 'submit', 'reset', 'color'].includes(el.type ?? 'text');
}
