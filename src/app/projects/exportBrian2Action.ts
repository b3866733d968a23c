/** Export ▸ Brian2 script: downloads the open project as `<name>_brian2.py`, or says why it cannot. */
import { projectStore } from '../store';
import { brian2ExportOf } from './brian2Export';
import { downloadText } from './fileActions';
import { projectUiStore } from './projectUi';

export function exportBrian2(): void {
  const ui = projectUiStore.getState();
  const result = brian2ExportOf(projectStore.getState().doc);
  if (!result.ok) {
    ui.showProblem({ title: result.title, lines: result.lines });
    return;
  }
  downloadText(result.fileName, result.script, 'text/x-python');
  ui.showMessage({ title: `Exported ${result.fileName}`, lines: result.lines });
}
