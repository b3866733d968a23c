/**
 * A modal dialog for the project menu (examples gallery, share link): the native <dialog> in the
 * top layer, so focus stays inside; Escape, the close button and a click on the backdrop close it.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import './ProjectDialog.css';

export interface ProjectDialogProps {
  readonly title: string;
  readonly testId: string;
  readonly onClose: () => void;
  readonly className?: string;
  readonly children: ReactNode;
}

export function ProjectDialog({ title, testId, onClose, className, children }: ProjectDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={`project-dialog ${className ?? ''}`}
      data-testid={testId}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault(); // React unmounts it; closing here too would leave state saying "open"
        onClose();
      }}
      onClick={(e) => {
        // The dialog has no padding, so a click on the element itself is a click on the backdrop.
        if (e.target === ref.current) onClose();
      }}
    >
      <div className="project-dialog-frame">
        <header className="project-dialog-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="project-dialog-close" aria-label="Close" data-testid={`${testId}-close`} onClick={onClose}>
            ✕
          </button>
        </header>
        <div className="project-dialog-body">{children}</div>
      </div>
    </dialog>
  );
}
