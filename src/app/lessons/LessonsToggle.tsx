/** The toolbar's "Lessons" button: opens and closes the guided-lessons drawer. */
import { lessonsStore, useLessons } from './lessonsStore';

export function LessonsToggle() {
  const open = useLessons((s) => s.open);
  return (
    <button
      type="button"
      data-testid="lessons-toggle"
      aria-pressed={open}
      aria-label={open ? 'Close the guided lessons' : 'Open the guided lessons'}
      title="Guided lessons: from the membrane equation to a spiking network"
      onClick={() => lessonsStore.getState().toggle()}
    >
      Lessons
    </button>
  );
}
