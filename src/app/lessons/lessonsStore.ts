/**
 * The lessons drawer's state: open or closed, and the lesson and step being read. Persisted in
 * localStorage so a reload (or a student coming back) finds the same page. The stored position is
 * normalised against the current lessons, so a renamed lesson falls back to the list.
 */
import { createStore } from 'zustand/vanilla';
import { persist } from 'zustand/middleware';
import { useStore } from 'zustand';
import { LESSONS, LESSON_LIST, lessonById, moveStep, normalizePosition, type LessonPosition } from '../../lessons';

export interface LessonsState extends LessonPosition {
  readonly open: boolean;
  setOpen(open: boolean): void;
  toggle(): void;
  /** Opens a lesson at its first step (or at `step`). */
  openLesson(id: string, step?: number): void;
  showList(): void;
  /** Moves by `delta` steps within the current lesson (clamped). */
  move(delta: number): void;
}

export const LESSONS_STORAGE_KEY = 'spikeflow.lessons';

export const lessonsStore = createStore<LessonsState>()(
  persist(
    (set, get) => ({
      open: false,
      ...LESSON_LIST,
      setOpen(open) {
        set({ open });
      },
      toggle() {
        set({ open: !get().open });
      },
      openLesson(id, step = 0) {
        set(normalizePosition({ lessonId: id, step }, LESSONS));
      },
      showList() {
        set(LESSON_LIST);
      },
      move(delta) {
        const { lessonId, step } = get();
        const lesson = lessonId ? lessonById(lessonId) : undefined;
        if (lesson) set(moveStep(lesson, step, delta));
      },
    }),
    {
      name: LESSONS_STORAGE_KEY,
      partialize: (s) => ({ open: s.open, lessonId: s.lessonId, step: s.step }),
      merge: (stored, current) => {
        const s = (stored ?? {}) as Partial<LessonsState>;
        return { ...current, open: s.open === true, ...normalizePosition(s, LESSONS) };
      },
    },
  ),
);

export const useLessons = <T>(selector: (s: LessonsState) => T): T => useStore(lessonsStore, selector);
