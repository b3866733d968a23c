/**
 * The share link: shown in a text field (always, so it can be copied by hand when the clipboard
 * refuses), with whether it was copied and how long it is.
 */
import { useEffect, useRef } from 'react';
import { copyShareLink } from './fileActions';
import { ProjectDialog } from './ProjectDialog';
import { projectUiStore, useProjectUi } from './projectUi';
import './ShareDialog.css';

/** Beyond this, some chat apps and mail clients cut links off. */
export const LONG_LINK_CHARS = 2000;

export function ShareDialog() {
  const share = useProjectUi((s) => s.share);
  const field = useRef<HTMLInputElement>(null);
  const failed = share?.copied === false;
  useEffect(() => {
    // When copying failed, select the link so Ctrl+C is all that is left to do.
    if (failed) field.current?.select();
  }, [failed]);
  if (!share) return null;
  const length = share.url.length.toLocaleString('en-US');
  return (
    <ProjectDialog title="Share link" testId="project-share-dialog" className="share-dialog" onClose={() => projectUiStore.getState().closeDialog()}>
      <p className="muted">The link holds the whole project, compressed. Whoever opens it gets their own copy; nothing is uploaded anywhere.</p>
      <label className="share-dialog-field">
        <span>Link</span>
        <input ref={field} readOnly value={share.url} data-testid="project-share-url" onFocus={(e) => e.currentTarget.select()} spellCheck={false} />
      </label>
      <p className={`share-dialog-status ${failed ? 'failed' : ''}`} data-testid="project-share-status" role="status">
        {share.copied === null && 'Copying to the clipboard… '}
        {share.copied === true && 'Copied to the clipboard. '}
        {failed && `Could not copy automatically (${share.copyError ?? 'refused'}): the link is selected above, copy it with Ctrl+C (⌘C). `}
        The link is <span data-testid="project-share-length">{length}</span> characters long.
      </p>
      {share.url.length > LONG_LINK_CHARS && (
        <p className="share-dialog-warning">Links this long may be cut off by some chat apps and mail clients; if one arrives broken, send the .json file (Save) instead.</p>
      )}
      <div className="share-dialog-actions">
        <button type="button" data-testid="project-share-copy" onClick={() => void copyShareLink()}>
          Copy again
        </button>
        <button type="button" className="primary" onClick={() => projectUiStore.getState().closeDialog()}>
          Done
        </button>
      </div>
    </ProjectDialog>
  );
}
