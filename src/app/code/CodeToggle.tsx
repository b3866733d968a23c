/** The toolbar's "Code" button: shows or hides the code panel (and starts loading it on approach). */
import { codePanelUi, useCodePanelUi } from './codePanelUi';
import { loadCodePanel } from './LazyCodePanel';
import './CodeToggle.css';

export function CodeToggle() {
  const open = useCodePanelUi((s) => s.open);
  return (
    <button
      type="button"
      className={`code-toggle${open ? ' is-open' : ''}`}
      data-testid="code-toggle"
      aria-pressed={open}
      aria-label={open ? 'Hide the code panel' : 'Show the code panel'}
      title="Model code: write your own cells, channels and synapses, or read the built-in ones"
      // Warm the chunk while the pointer is on its way to a click.
      onPointerEnter={() => void loadCodePanel().catch(() => undefined)}
      onClick={() => codePanelUi.getState().toggle()}
    >
      <span aria-hidden className="mono">
        {'{ }'}
      </span>{' '}
      Code
    </button>
  );
}
