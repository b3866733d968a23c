/**
 * Where the reader is: a lesson and a step in it (or the lesson list). Pure functions over
 * positions, so the drawer's store stays trivial and the rules are unit-tested.
 */
import type { Lesson } from './types';

/** `lessonId` null: the lesson list. */
export interface LessonPosition {
  readonly lessonId: string | null;
  readonly step: number;
}

export const LESSON_LIST: LessonPosition = { lessonId: null, step: 0 };

/** A stored position made safe: unknown lessons go to the list, steps are clamped. */
export function normalizePosition(position: unknown, lessons: readonly Lesson[]): LessonPosition {
  if (typeof position !== 'object' || position === null) return LESSON_LIST;
  const { lessonId, step } = position as { lessonId?: unknown; step?: unknown };
  const lesson = lessons.find((l) => l.id === lessonId);
  if (!lesson) return LESSON_LIST;
  const n = typeof step === 'number' && Number.isFinite(step) ? Math.trunc(step) : 0;
  return { lessonId: lesson.id, step: Math.min(Math.max(n, 0), lesson.steps.length - 1) };
}

export function canGoNext(lesson: Lesson, step: number): boolean {
  return step < lesson.steps.length - 1;
}

export function canGoPrevious(step: number): boolean {
  return step > 0;
}

/** The position `delta` steps away, clamped to the lesson. */
export function moveStep(lesson: Lesson, step: number, delta: number): LessonPosition {
  return { lessonId: lesson.id, step: Math.min(Math.max(step + delta, 0), lesson.steps.length - 1) };
}

/** "step 2 of 5". */
export function progressLabel(lesson: Lesson, step: number): string {
  return `step ${step + 1} of ${lesson.steps.length}`;
}

/** The lesson after `lesson` in the list, for the last step's "next lesson" link. */
export function nextLesson(lessons: readonly Lesson[], lesson: Lesson): Lesson | undefined {
  const k = lessons.indexOf(lesson);
  return k >= 0 ? lessons[k + 1] : undefined;
}
