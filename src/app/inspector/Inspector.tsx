/**
 * The inspector (right panel): shows and edits what is selected — a population, a stimulus, a
 * recording or a projection; the project itself when nothing is; a summary when several things
 * are. Every change is a typed edit dispatched to the project store, so it is undoable and, while
 * a run is going, reaches the simulation at once (the run session forwards document changes).
 */
import { projectStore, useProject } from '../store';
import { PopulationInspector } from './PopulationInspector';
import { ProjectInspector } from './ProjectInspector';
import { ProjectionInspector } from './ProjectionInspector';
import { RecordingInspector } from './RecordingInspector';
import { SelectionSummary } from './SelectionSummary';
import { StimulusInspector } from './StimulusInspector';
import { selectionTitle, selectionView } from './selectionView';
import './Inspector.css';

export function Inspector() {
  const doc = useProject((s) => s.doc);
  const selection = useProject((s) => s.selection);
  const editError = useProject((s) => s.editError);
  const view = selectionView(doc, selection);
  const title = selectionTitle(view, doc);
  return (
    <aside className="inspector" data-testid="inspector" aria-label="Inspector">
      <header className="inspector-header panel-title">
        <span className="inspector-kind">{title.kind}</span>
        <span className="inspector-title" data-testid="inspector-title" title={title.name}>
          {title.name}
        </span>
      </header>
      {editError && (
        <div className="inspector-edit-error" role="alert" data-testid="inspector-edit-error">
          <span>{editError}</span>
          <button type="button" aria-label="dismiss" onClick={() => projectStore.getState().clearEditError()}>
            ×
          </button>
        </div>
      )}
      <div className="inspector-body">
        {view.kind === 'project' && <ProjectInspector />}
        {view.kind === 'population' && <PopulationInspector key={`population:${view.pop.id}`} pop={view.pop} />}
        {view.kind === 'stimulus' && <StimulusInspector key={`stimulus:${view.stim.id}`} stim={view.stim} />}
        {view.kind === 'recording' && <RecordingInspector key={`recording:${view.id}`} rec={view.rec} id={view.id} />}
        {view.kind === 'projection' && <ProjectionInspector key={`projection:${view.proj.id}`} proj={view.proj} />}
        {view.kind === 'many' && <SelectionSummary items={view.items} />}
      </div>
    </aside>
  );
}
