/**
 * Writes the code panel's tabs and drafts to storage shortly after they change (drafts.ts holds the
 * format), under the name of the project they belong to. Timers and storage come in from outside,
 * so the rules run in Node tests with fakes.
 */
import { forgetDrafts, saveDrafts, type DraftStorage } from './drafts';
import type { TabsState } from './tabs';

export const PERSIST_DEBOUNCE_MS = 400;

export class DraftAutosave {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly storage: DraftStorage | null,
    /** The project the tabs belong to: its name keys the drafts. */
    private projectName: string | undefined,
    private readonly tabs: () => TabsState,
    /** Told whether the storage kept the last write (false: full or disabled). */
    private readonly onKept: (kept: boolean) => void,
    private readonly delayMs = PERSIST_DEBOUNCE_MS,
  ) {}

  /** The tabs changed: write them soon (typing writes once it pauses). */
  schedule(): void {
    if (!this.storage) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.write();
    }, this.delayMs);
  }

  /** Writes what is pending now (the page is going away, or another project opens). */
  flush(): void {
    if (this.timer === null) return;
    clearTimeout(this.timer);
    this.timer = null;
    this.write();
  }

  /** The project was renamed: its drafts move to the new name. */
  rename(name: string | undefined): void {
    if (name === this.projectName) return;
    if (this.storage) forgetDrafts(this.storage, this.projectName);
    this.projectName = name;
    this.schedule();
  }

  /**
   * Another project opened: what is pending is written under the old name first; from now on the
   * tabs are the new project's (restoring them is not an edit, so nothing is written back).
   */
  switchTo(name: string | undefined, restore: () => void): void {
    this.flush();
    this.projectName = name;
    restore();
    this.cancel();
  }

  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private write(): void {
    if (!this.storage) return;
    this.onKept(saveDrafts(this.storage, this.projectName, this.tabs()));
  }
}
