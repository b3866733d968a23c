/**
 * "Set this up": puts the app in the state a lesson step talks about. The project is loaded as one
 * undoable change (keepHistory), so Undo returns to the student's own work.
 */
import type { LessonStep } from '../../lessons';
import { bottomTabs } from '../analysis/bottomTabs';
import { getSession } from '../run';
import { projectStore } from '../store';
import type { ProjectDoc } from '../store/document';

export function setUpStep(step: LessonStep): void {
  const project = projectStore.getState();
  // A fresh copy: the lesson data stay pristine whatever the editor does to its document.
  project.load(structuredClone(step.project) as ProjectDoc, { keepHistory: true });
  if (step.select) {
    project.select(
      'population' in step.select
        ? { nodes: [{ kind: 'population', id: step.select.population }], projections: [] }
        : { nodes: [], projections: [step.select.projection] },
    );
  }
  if (step.tab) bottomTabs.getState().show(step.tab);
  if (step.run) void getSession().run();
}
