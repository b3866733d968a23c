/**
 * Drag and drop: a .json file dropped anywhere on the page opens (as Open… does), with an overlay
 * while a file is dragged over the page. Also the host of the project menu's dialogs and notices,
 * since this component is mounted once at the app's root.
 *
 * Listens on window in the bubbling phase and leaves alone drops a component has already handled
 * (defaultPrevented), e.g. a CSV dropped on a field that takes one.
 */
import { useEffect, useState } from 'react';
import { ExamplesDialog } from './ExamplesDialog';
import { openProjectFile } from './fileActions';
import { ProjectNotices } from './ProjectNotices';
import { useProjectUi } from './projectUi';
import { ShareDialog } from './ShareDialog';
import './ProjectDropZone.css';

/** The overlay hides when no dragover came for this long (the pointer left without a dragleave we saw). */
const DRAG_IDLE_MS = 1200;

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

export function ProjectDropZone() {
  const [dragging, setDragging] = useState(false);
  const dialog = useProjectUi((s) => s.dialog);
  useEffect(() => {
    let idle: ReturnType<typeof setTimeout> | undefined;
    const show = () => {
      setDragging(true);
      clearTimeout(idle);
      idle = setTimeout(() => setDragging(false), DRAG_IDLE_MS);
    };
    const hide = () => {
      clearTimeout(idle);
      setDragging(false);
    };
    const onDragOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault(); // allows the drop (and stops the browser from opening the file itself)
      if (e.dataTransfer && !e.defaultPrevented) e.dataTransfer.dropEffect = 'copy';
      show();
    };
    const onDragLeave = (e: DragEvent) => {
      // relatedTarget is null when the pointer leaves the window.
      if (hasFiles(e) && e.relatedTarget === null) hide();
    };
    const onDrop = (e: DragEvent) => {
      hide();
      if (!hasFiles(e)) return;
      if (e.defaultPrevented) return; // handled by a component underneath
      e.preventDefault();
      const files = Array.from(e.dataTransfer?.files ?? []);
      if (files.length === 0) return;
      void openProjectFile(files.find((f) => /\.json$/i.test(f.name)) ?? files[0]);
    };
    window.addEventListener('dragenter', onDragOver);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      clearTimeout(idle);
      window.removeEventListener('dragenter', onDragOver);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);
  return (
    <>
      {dragging && (
        <div className="project-drop-overlay" data-testid="project-drop-overlay" aria-hidden>
          <div className="project-drop-card">Drop a project file (.json) to open it</div>
        </div>
      )}
      <ProjectNotices />
      {dialog === 'examples' && <ExamplesDialog />}
      {dialog === 'share' && <ShareDialog />}
    </>
  );
}
