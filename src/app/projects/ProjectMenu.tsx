/**
 * The toolbar's project group: New, Open…, Save, Share link, Export ▸ Brian2 script, Examples. The dialogs and notices
 * they open are hosted by ProjectDropZone (mounted once at the app's root).
 */
import { useCallback } from 'react';
import { useProject } from '../store';
import { isMac } from '../toolbar/platform';
import { newProject, openExamples, openProjectFile, openProjectFilePicker, registerFilePicker, saveProjectFile, shareProject } from './fileActions';
import { exportBrian2 } from './exportBrian2Action';
import { useProjectUi } from './projectUi';
import './ProjectMenu.css';

export function ProjectMenu() {
  const doc = useProject((s) => s.doc);
  const savedDoc = useProjectUi((s) => s.savedDoc);
  const autosaveError = useProjectUi((s) => s.autosaveError);
  const dirty = savedDoc !== doc;
  const mod = isMac() ? '⌘' : 'Ctrl';
  const fileInput = useCallback((el: HTMLInputElement | null) => registerFilePicker(el), []);
  return (
    <div className="toolbar-group project-menu" role="group" aria-label="Project">
      <button type="button" data-testid="project-new" onClick={newProject} title="New empty project (Undo brings back the current one)">
        New
      </button>
      <button type="button" data-testid="project-open" onClick={openProjectFilePicker} title="Open a project file (.json); you can also drop one on the page">
        Open…
      </button>
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="project-file-input"
        aria-label="Project file to open"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) void openProjectFile(file);
        }}
      />
      <button
        type="button"
        data-testid="project-save"
        data-dirty={dirty ? 'true' : 'false'}
        onClick={saveProjectFile}
        title={`Save the project as a .json file (${mod}+S)${dirty ? ': it has changes not saved to a file (it is autosaved in this browser)' : ''}`}
      >
        Save
        {dirty && (
          <span className="project-menu-dirty" aria-label="unsaved changes">
            •
          </span>
        )}
      </button>
      <button type="button" data-testid="project-share" onClick={() => void shareProject()} title="Copy a link that contains the whole project">
        Share link
      </button>
      <button
        type="button"
        data-testid="project-export-brian2"
        aria-label="Export as a Brian2 script"
        onClick={exportBrian2}
        title="Export ▸ Brian2 script: download the project as a runnable Brian2 Python script (<name>_brian2.py) that writes spikes.csv and traces.csv like spikeflow run"
      >
        Brian2 ▸ .py
      </button>
      <button type="button" data-testid="project-examples" onClick={openExamples} title="Browse the example projects">
        Examples
      </button>
      {autosaveError && (
        <span className="project-menu-autosave-error" role="status" data-testid="project-autosave-error" title={`Autosave failed: ${autosaveError}. Save the project to a file to keep your work.`}>
          ⚠ not autosaved
        </span>
      )}
    </div>
  );
}
