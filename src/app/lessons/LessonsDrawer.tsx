/**
 * The guided-lessons drawer: a column at the left of the workbench (graph, inspector and plots
 * stay usable beside it) with the lesson list, or one lesson's current step: its text, "Set this
 * up", and Previous / Next with the progress.
 */
import { LESSONS, canGoNext, canGoPrevious, lessonById, nextLesson, progressLabel, type Lesson } from '../../lessons';
import { lessonsStore, useLessons } from './lessonsStore';
import { setUpStep } from './setupStep';
import './LessonsDrawer.css';

export function LessonsDrawer() {
  const lessonId = useLessons((s) => s.lessonId);
  const lesson = lessonId ? lessonById(lessonId) : undefined;
  return (
    <aside className="lessons-panel" data-testid="lessons-panel" aria-label="Guided lessons">
      <header className="lessons-header">
        {lesson ? (
          <button type="button" className="lessons-back" data-testid="lessons-list" onClick={() => lessonsStore.getState().showList()} aria-label="Back to the lesson list">
            ‹ Lessons
          </button>
        ) : (
          <h2 className="lessons-heading">Guided lessons</h2>
        )}
        <button type="button" className="lessons-close" data-testid="lessons-close" onClick={() => lessonsStore.getState().setOpen(false)} aria-label="Close the lessons" title="Close the lessons">
          ×
        </button>
      </header>
      {lesson ? <LessonView lesson={lesson} /> : <LessonList />}
    </aside>
  );
}

function LessonList() {
  return (
    <div className="lessons-body">
      <p className="lessons-intro">From the membrane equation to a spiking network. Each step has a button that loads the project it talks about (Undo brings your own back).</p>
      <ol className="lessons-list">
        {LESSONS.map((l) => (
          <li key={l.id}>
            <button type="button" className="lessons-item" data-testid={`lesson-${l.id}`} onClick={() => lessonsStore.getState().openLesson(l.id)}>
              <span className="lessons-item-title">{l.title}</span>
              <span className="lessons-item-summary">{l.summary}</span>
              <span className="lessons-item-steps">{l.steps.length} steps</span>
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}

function LessonView({ lesson }: { readonly lesson: Lesson }) {
  const index = useLessons((s) => s.step);
  const step = lesson.steps[index];
  const following = canGoNext(lesson, index) ? undefined : nextLesson(LESSONS, lesson);
  return (
    <div className="lessons-body" data-lesson={lesson.id} data-step={index}>
      <p className="lessons-lesson-title">{lesson.title}</p>
      <p className="lessons-progress" data-testid="lesson-progress">
        {progressLabel(lesson, index)}
      </p>
      <ol className="lessons-dots" aria-hidden>
        {lesson.steps.map((s, k) => (
          <li key={s.id} className={k === index ? 'current' : k < index ? 'done' : ''} />
        ))}
      </ol>
      <h3 className="lessons-step-title" data-testid="lesson-step-title">
        {step.title}
      </h3>
      <div className="lessons-text">
        {step.text.split(/\n\n+/).map((para, k) => (
          <p key={k}>{para}</p>
        ))}
      </div>
      <button type="button" className="lessons-setup" data-testid="lesson-setup" onClick={() => setUpStep(step)} title="Load the project this step describes (undoable)">
        {step.run ? 'Set this up and run' : 'Set this up'}
      </button>
      <nav className="lessons-nav" aria-label="Lesson steps">
        <button type="button" data-testid="lesson-prev" disabled={!canGoPrevious(index)} onClick={() => lessonsStore.getState().move(-1)} aria-label="Previous step">
          ‹ Previous
        </button>
        {following ? (
          <button type="button" data-testid="lesson-next" onClick={() => lessonsStore.getState().openLesson(following.id)} aria-label={`Next lesson: ${following.title}`}>
            Next lesson ›
          </button>
        ) : (
          <button type="button" data-testid="lesson-next" disabled={!canGoNext(lesson, index)} onClick={() => lessonsStore.getState().move(1)} aria-label="Next step">
            Next ›
          </button>
        )}
      </nav>
    </div>
  );
}
