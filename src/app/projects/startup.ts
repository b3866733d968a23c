/**
 * What the IDE opens at startup, decided from plain data so it is testable without a browser:
 * a share link in the URL, else this tab's autosave (or the newest autosave of any tab), else the
 * default example that the store starts with.
 *
 * Nothing is thrown away: an autosave that fails validation is kept as a recovery entry (and still
 * opened when the editor can show it: a document mid-edit is often briefly invalid); a project that
 * a share link replaces stays one Undo away and is kept as a recovery entry too.
 */
import { formatIssue } from '../../project/errors';
import { migrateProject, parseProjectText } from '../../project/validate';
import type { ProjectDoc } from '../store/document';
import type { AutosaveRecord, RecoveryEntry } from './autosave';
import { isOpenableProject, projectFileName } from './projectFile';
import type { NoticeSection } from './projectUi';
import { decodeShareData, readShareHash, SHARE_STAGE_LABEL } from './shareLink';

export interface StartupInput {
  /** `location.hash`. */
  readonly hash: string;
  /** The tab id this tab had before a reload (sessionStorage), if any. */
  readonly previousTabId: string | null;
  /** Autosaves, any order. */
  readonly autosaves: readonly AutosaveRecord[];
  /** ms since the epoch, for recovery entries. */
  readonly now: number;
}

export interface StartupPlan {
  readonly source: 'share' | 'autosave' | 'default';
  /** Loaded first when a share link is opened over an autosave, so Undo returns to it. */
  readonly base: ProjectDoc | null;
  /** The document to open; null keeps the default example already in the store. */
  readonly doc: ProjectDoc | null;
  /** Whether `doc` has changes not saved to a file (from the autosave record). */
  readonly dirty: boolean;
  /** The autosave the document came from (or that `base` came from). */
  readonly restored: AutosaveRecord | null;
  /** Projects to keep aside. */
  readonly recovery: readonly RecoveryEntry[];
  /** Remove `#project=` from the address, so a reload opens the autosave. */
  readonly clearHash: boolean;
  readonly errors: readonly NoticeSection[];
  readonly warnings: readonly NoticeSection[];
  readonly info: NoticeSection | null;
}

interface AutosaveVerdict {
  readonly record: AutosaveRecord;
  /** Openable document (valid, or invalid but showable), else null. */
  readonly doc: ProjectDoc | null;
  readonly problems: readonly string[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const when = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

/** The autosave this tab should restore: its own slot after a reload, else the newest one. */
export function pickAutosave(autosaves: readonly AutosaveRecord[], previousTabId: string | null): AutosaveRecord | null {
  if (autosaves.length === 0) return null;
  const own = previousTabId ? autosaves.filter((r) => r.tabId === previousTabId) : [];
  const pool = own.length > 0 ? own : autosaves;
  return pool.reduce((a, b) => (b.savedAt > a.savedAt ? b : a));
}

function judgeAutosave(record: AutosaveRecord): AutosaveVerdict {
  const parsed = parseProjectText(record.text, 'autosave');
  if (parsed.ok) return { record, doc: migrateProject(JSON.parse(record.text)) as ProjectDoc, problems: [] };
  const problems = parsed.errors.map((issue) => formatIssue(issue, 'autosave'));
  let json: unknown = null;
  try {
    json = migrateProject(JSON.parse(record.text));
  } catch {
    // not JSON: nothing the editor could show
  }
  return { record, doc: isOpenableProject(json) ? json : null, problems };
}

export function decideStartup(input: StartupInput): StartupPlan {
  const errors: NoticeSection[] = [];
  const warnings: NoticeSection[] = [];
  const recovery: RecoveryEntry[] = [];
  const keep = (record: AutosaveRecord, reason: string, problems: readonly string[]): RecoveryEntry => {
    const entry: RecoveryEntry = {
      id: `${record.tabId}@${record.savedAt}`,
      keptAt: input.now,
      savedAt: record.savedAt,
      name: record.name,
      reason,
      text: record.text,
      errors: problems,
    };
    recovery.push(entry);
    return entry;
  };
  const download = (entry: RecoveryEntry) => ({
    label: 'Download it',
    fileName: projectFileName({ name: `${entry.name || 'project'} (autosave ${when(entry.savedAt)})` }),
    text: entry.text,
  });

  const record = pickAutosave(input.autosaves, input.previousTabId);
  let autosave: AutosaveVerdict | null = null;
  if (record) {
    autosave = judgeAutosave(record);
    if (autosave.problems.length > 0) {
      const entry = keep(record, 'failed validation', autosave.problems);
      const name = record.name ? `'${record.name}'` : 'The autosaved project';
      if (autosave.doc) {
        warnings.push({
          title: `${name} (autosaved ${when(record.savedAt)}) has ${plural(autosave.problems.length, 'problem')}; it was opened so you can fix them, and a copy is kept in this browser`,
          lines: autosave.problems,
          download: download(entry),
        });
      } else {
        errors.push({
          title: `${name} (autosaved ${when(record.savedAt)}) could not be opened; it is kept in this browser and the default example was opened instead`,
          lines: autosave.problems,
          download: download(entry),
        });
      }
    }
  }

  const shareData = readShareHash(input.hash);
  if (shareData !== null) {
    const shared = decodeShareData(shareData);
    if (shared.ok) {
      const base = autosave?.doc ?? null;
      // This tab's own project is about to be overwritten by the shared one: keep a copy. (Another
      // tab's slot, opened here only as the newest, stays where it is.)
      if (autosave && base && autosave.problems.length === 0 && autosave.record.tabId === input.previousTabId) {
        keep(autosave.record, 'replaced by a share link', []);
      }
      const name = shared.doc.name ? `'${shared.doc.name}'` : 'the shared project';
      return {
        source: 'share',
        base,
        doc: shared.doc,
        // Opening a link counts as opening a file (as it does in an open tab): the baseline for "unsaved".
        dirty: false,
        restored: autosave?.record ?? null,
        recovery,
        clearHash: true,
        errors,
        warnings,
        info: {
          title: `Opened ${name} from the share link`,
          lines: base
            ? [
                autosave!.record.tabId === input.previousTabId
                  ? 'Undo returns to the project you had open; it is also kept in this browser.'
                  : `Undo returns to your most recent autosaved project${autosave!.record.name ? ` ('${autosave!.record.name}')` : ''}.`,
              ]
            : [],
        },
      };
    }
    errors.unshift({
      title: `The share link could not be opened (${SHARE_STAGE_LABEL[shared.stage]}); ${autosave?.doc ? 'your autosaved project was kept' : 'the current project was kept'}`,
      lines: [shared.message, ...shared.details],
    });
  }

  const doc = autosave?.doc ?? null;
  return {
    source: doc ? 'autosave' : 'default',
    base: null,
    doc,
    dirty: doc ? (autosave?.record.dirty ?? true) : false,
    restored: doc ? autosave!.record : null,
    recovery,
    clearHash: shareData !== null,
    errors,
    warnings,
    info: null,
  };
}
