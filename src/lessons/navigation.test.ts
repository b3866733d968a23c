import { describe, expect, it } from 'vitest';
import { LESSONS, LESSON_LIST, canGoNext, canGoPrevious, moveStep, nextLesson, normalizePosition, progressLabel } from './index';

const first = LESSONS[0];

describe('lesson navigation', () => {
  it('normalizes stored positions', () => {
    expect(normalizePosition(null, LESSONS)).toEqual(LESSON_LIST);
    expect(normalizePosition({ lessonId: 'nope', step: 2 }, LESSONS)).toEqual(LESSON_LIST);
    expect(normalizePosition({ lessonId: first.id, step: 99 }, LESSONS)).toEqual({ lessonId: first.id, step: first.steps.length - 1 });
    expect(normalizePosition({ lessonId: first.id, step: -3 }, LESSONS)).toEqual({ lessonId: first.id, step: 0 });
    expect(normalizePosition({ lessonId: first.id, step: 'x' }, LESSONS)).toEqual({ lessonId: first.id, step: 0 });
  });

  it('moves and clamps, and labels progress', () => {
    expect(moveStep(first, 0, 1)).toEqual({ lessonId: first.id, step: 1 });
    expect(moveStep(first, 0, -1)).toEqual({ lessonId: first.id, step: 0 });
    expect(canGoPrevious(0)).toBe(false);
    expect(canGoNext(first, first.steps.length - 1)).toBe(false);
    expect(progressLabel(first, 1)).toBe(`step 2 of ${first.steps.length}`);
    expect(nextLesson(LESSONS, first)).toBe(LESSONS[1]);
    expect(nextLesson(LESSONS, LESSONS[LESSONS.length - 1])).toBeUndefined();
  });
});
