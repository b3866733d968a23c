/** The top bar: project name, file and examples, run controls, simulation settings, undo/redo, theme. */
import { LessonsToggle } from '../lessons/LessonsToggle';
import { ProjectMenu } from '../projects/ProjectMenu';
import { prefsStore, projectStore, usePrefs, useProject } from '../store';
import { RunControls } from './RunControls';
import { SimSettings } from './SimSettings';
import { isMac } from './platform';
import './Toolbar.css';

export function Toolbar() {
  const name = useProject((s) => s.doc.name ?? 'Untitled project');
  const canUndo = useProject((s) => s.past.length > 0);
  const canRedo = useProject((s) => s.future.length > 0);
  const theme = usePrefs((s) => s.theme);
  const mod = isMac() ? '⌘' : 'Ctrl';
  return (
    <header className="toolbar" data-testid="toolbar">
      <div className="toolbar-brand" title="Spikeflow: spiking-neuron simulation in the browser">
        <span className="toolbar-logo" aria-hidden>
          ⚡
        </span>
        <span className="toolbar-appname">Spikeflow</span>
        <span className="toolbar-project" data-testid="toolbar-project-name" title={name}>
          {name}
        </span>
      </div>
      <ProjectMenu />
      <div className="toolbar-group" role="group" aria-label="Edit">
        <button type="button" data-testid="undo" disabled={!canUndo} onClick={() => projectStore.getState().undo()} title={`Undo (${mod}+Z)`} aria-label="Undo">
          ↶
        </button>
        <button type="button" data-testid="redo" disabled={!canRedo} onClick={() => projectStore.getState().redo()} title={`Redo (${mod}+Shift+Z)`} aria-label="Redo">
          ↷
        </button>
      </div>
      <RunControls />
      <SimSettings />
      <span className="toolbar-spacer" />
      <LessonsToggle />
      <button
        type="button"
        data-testid="theme-toggle"
        onClick={() => prefsStore.getState().setTheme(theme === 'dark' ? 'light' : 'dark')}
        title={theme === 'dark' ? 'Switch to the light theme' : 'Switch to the dark theme'}
        aria-label="Toggle theme"
      >
        {theme === 'dark' ? '☀' : '☾'}
      </button>
    </header>
  );
}
