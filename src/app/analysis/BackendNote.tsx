/** Where an analysis batch computed, in a panel's summary line: the status bar's words, and why in the tooltip. */
import { backendLabel } from '../toolbar/backendLabel';
import type { BackendInfo } from '../../worker/protocol';

export function BackendNote({ backend, testId }: { readonly backend: BackendInfo; readonly testId: string }) {
  const { text, title } = backendLabel(backend);
  return (
    <span data-testid={testId} title={title}>
      {' · '}
      {text}
    </span>
  );
}
