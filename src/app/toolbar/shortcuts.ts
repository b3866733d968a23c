/**
 * Global keyboard shortcuts: Ctrl/⌘+Enter run or pause, Ctrl/⌘+Z undo, Ctrl/⌘+Shift+Z or
 * Ctrl+Y redo, Ctrl/⌘+S save. Undo/redo leave text fields alone (their own undo applies there).
 * Graph-specific keys (delete, copy, paste, duplicate) belong to the graph editor.
 */
import { useEffect } from 'react';
import { saveProjectFile } from '../projects/fileActions';
import { getSession } from '../run';
import { projectStore, runStore } from '../store';

export type ShortcutAction = 'runOrPause' | 'undo' | 'redo' | 'save' | null;

/** Which action a key press means (pure, for tests). */
export function shortcutFor(e: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }, inTextField: boolean): ShortcutAction {
  const mod = e.ctrlKey || e.metaKey;
  if (!mod || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (key === 'enter') return 'runOrPause';
  if (key === 's') return 'save';
  if (inTextField) return null;
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !e.shiftKey) return 'redo';
  return null;
}

export function isTextField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.tagName !== 'string') return false;
  const tag = el.tagName.toLowerCase();
  if (tag === 'textarea' || el.isContentEditable) return true;
  if (tag !== 'input') return false;
  const type = (el as HTMLInputElement).type;
  return type !== 'checkbox' && type !== 'radio' && type !== 'range' && type !== 'button';
}

export function runOrPause(): void {
  const session = getSession();
  const phase = runStore.getState().phase;
  if (phase === 'running') session.pause();
  else if (phase === 'paused') session.resume();
  else if (phase !== 'loading' && phase !== 'starting') void session.run();
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const action = shortcutFor(e, isTextField(e.target));
      if (!action) return;
      e.preventDefault();
      if (action === 'runOrPause') runOrPause();
      else if (action === 'undo') projectStore.getState().undo();
      else if (action === 'redo') projectStore.getState().redo();
      else if (action === 'save') saveProjectFile();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
