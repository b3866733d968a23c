/** The guided lessons, in teaching order, and the pure logic of moving through them. */
import { MEMBRANE_LESSON } from './membrane';
import { NETWORK_LESSON } from './network';
import { THRESHOLD_LESSON } from './threshold';
import { TWO_VARIABLE_LESSON } from './twoVariables';
import type { Lesson } from './types';

export type { Lesson, LessonSelection, LessonStep, LessonTab } from './types';
export * from './navigation';

export const LESSONS: readonly Lesson[] = [MEMBRANE_LESSON, THRESHOLD_LESSON, TWO_VARIABLE_LESSON, NETWORK_LESSON];

const BY_ID = new Map<string, Lesson>();
for (const lesson of LESSONS) {
  // Ids are persisted and used as test ids: a duplicate would silently shadow a lesson.
  if (BY_ID.has(lesson.id)) throw new Error(`duplicate lesson id '${lesson.id}'`);
  BY_ID.set(lesson.id, lesson);
}

export function lessonById(id: string): Lesson | undefined {
  return BY_ID.get(id);
}
