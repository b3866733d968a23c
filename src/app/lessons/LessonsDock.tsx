/**
 * The lessons drawer's place in the frame: a fixed-width column at the left of the workbench,
 * present only while open; the workbench (graph, inspector, plots, code panel) keeps the rest.
 */
import type { ReactNode } from 'react';
import { LessonsDrawer } from './LessonsDrawer';
import { useLessons } from './lessonsStore';
import './LessonsDock.css';

export function LessonsDock({ children }: { readonly children: ReactNode }) {
  const open = useLessons((s) => s.open);
  return (
    <div className="lessons-dock">
      {open && <LessonsDrawer />}
      <div className="lessons-dock-main">{children}</div>
    </div>
  );
}
