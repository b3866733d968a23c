/**
 * The project menu's notices: a problem (a file or share link that could not be opened, an
 * autosave set aside) stays until dismissed and names file, line:column, JSON path and message;
 * a message (opened, loaded, saved) offers Undo where the change can be undone and fades after a while.
 */
import { useEffect, useState } from 'react';
import { projectStore } from '../store';
import { downloadText } from './fileActions';
import { projectUiStore, useProjectUi, type Notice, type NoticeSection } from './projectUi';
import './ProjectNotices.css';

/** Messages disappear after this long unless the pointer is on them. */
export const MESSAGE_MS = 10_000;
/** Lines shown per section before "show all". */
const MAX_LINES = 12;

/** Problems list their lines (file:line:col: path: message) as code; messages are plain sentences. */
function Section({ section, testId, plain = false }: { section: NoticeSection; testId: string; plain?: boolean }) {
  const [all, setAll] = useState(false);
  const lines = all ? section.lines : section.lines.slice(0, MAX_LINES);
  return (
    <div className="project-notice-section">
      <strong>{section.title}</strong>
      {lines.length > 0 &&
        (plain ? (
          lines.map((line, i) => <p key={i}>{line}</p>)
        ) : (
          <ul className="mono">
            {lines.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        ))}
      {!all && section.lines.length > MAX_LINES && (
        <button type="button" className="project-notice-link" onClick={() => setAll(true)}>
          show all {section.lines.length}
        </button>
      )}
      {section.download && (
        <button type="button" data-testid={`${testId}-download`} onClick={() => downloadText(section.download!.fileName, section.download!.text)}>
          {section.download.label}
        </button>
      )}
    </div>
  );
}

function Problem({ notice }: { notice: Notice }) {
  return (
    <div className={`project-notice problem ${notice.tone}`} role="alert" data-testid="project-error" data-tone={notice.tone}>
      <div className="project-notice-body">
        {notice.sections.map((s, i) => (
          <Section key={i} section={s} testId="project-error" />
        ))}
      </div>
      <button type="button" className="project-notice-dismiss" aria-label="Dismiss" data-testid="project-error-dismiss" onClick={() => projectUiStore.getState().dismissProblem()}>
        ✕
      </button>
    </div>
  );
}

function Message({ notice }: { notice: Notice }) {
  const [hover, setHover] = useState(false);
  useEffect(() => {
    if (hover) return;
    const timer = setTimeout(() => {
      if (projectUiStore.getState().message?.id === notice.id) projectUiStore.getState().dismissMessage();
    }, MESSAGE_MS);
    return () => clearTimeout(timer);
  }, [notice.id, hover]);
  return (
    <div
      className="project-notice message"
      role="status"
      data-testid="project-notice"
      onMouseEnter={() => setHover(true)}
      onMouseLeave={() => setHover(false)}
    >
      <div className="project-notice-body">
        {notice.sections.map((s, i) => (
          <Section key={i} section={s} testId="project-notice" plain />
        ))}
      </div>
      {notice.undoable && (
        <button
          type="button"
          data-testid="project-notice-undo"
          onClick={() => {
            projectStore.getState().undo();
            projectUiStore.getState().dismissMessage();
          }}
        >
          Undo
        </button>
      )}
      <button type="button" className="project-notice-dismiss" aria-label="Dismiss" data-testid="project-notice-dismiss" onClick={() => projectUiStore.getState().dismissMessage()}>
        ✕
      </button>
    </div>
  );
}

export function ProjectNotices() {
  const problem = useProjectUi((s) => s.problem);
  const message = useProjectUi((s) => s.message);
  if (!problem && !message) return null;
  return (
    <div className="project-notices">
      {problem && <Problem key={problem.id} notice={problem} />}
      {message && <Message key={message.id} notice={message} />}
    </div>
  );
}
