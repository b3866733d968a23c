import { describe, expect, it } from 'vitest';
import { graphKeyAction, isTypingTarget } from './keyboard';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('graph keys', () => {
  it('maps keys to actions', () => {
    expect(graphKeyAction(key('Delete'))).toBe('delete');
    expect(graphKeyAction(key('Backspace'))).toBe('delete');
    expect(graphKeyAction(key('d', { ctrlKey: true }))).toBe('duplicate');
    expect(graphKeyAction(key('D', { metaKey: true }))).toBe('duplicate');
    expect(graphKeyAction(key('c', { ctrlKey: true }))).toBe('copy');
    expect(graphKeyAction(key('v', { metaKey: true }))).toBe('paste');
    expect(graphKeyAction(key('a', { ctrlKey: true }))).toBe('selectAll');
    expect(graphKeyAction(key('Escape'))).toBe('clear');
    expect(graphKeyAction(key('z', { ctrlKey: true }))).toBeNull();
    expect(graphKeyAction(key('d', { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(graphKeyAction(key('d'))).toBeNull();
  });

  it('knows where the user types', () => {
    expect(isTypingTarget({ tagName: 'INPUT', type: 'text' } as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' } as unknown as EventTarget)).toBe(false);
    expect(isTypingTarget({ tagName: 'TEXTAREA' } as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true } as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget({ tagName: 'BUTTON' } as unknown as EventTarget)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
