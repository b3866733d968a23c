/**
 * When a tab may be saved into the project, and why not. A model with errors is never saved: the
 * project (and a running simulation) keeps the last version that compiled, so an edit in progress
 * can never break a working network.
 */
import { countProblems, type ModelDiagnostic } from './problems';
import { isDirty, type CodeTab } from './tabs';

/** The latest check of a tab: the text it checked and what it found. */
export interface CheckSnapshot {
  readonly text: string;
  readonly problems: readonly ModelDiagnostic[];
}

/**
 * Why Save is not possible now, or undefined if it is. A check of older text does not block: Save
 * checks the current text itself before it stores anything.
 */
export function saveBlocker(tab: CodeTab | undefined, saved: string | undefined, check: CheckSnapshot | undefined): string | undefined {
  if (!tab) return 'Open or create a model first.';
  if (tab.builtin) return 'Built-in models are read-only: use Duplicate to edit a copy.';
  if (!isDirty(tab, saved)) return 'No unsaved changes.';
  const text = tab.draft ?? saved ?? '';
  if (check && check.text === text) {
    const { errors } = countProblems(check.problems);
    if (errors > 0) return errorsBlockSave(errors);
  }
  return undefined;
}

export function errorsBlockSave(errors: number): string {
  return `Fix the ${errors === 1 ? 'error' : `${errors} errors`} first: a model with errors is never saved, so the saved version keeps working.`;
}
