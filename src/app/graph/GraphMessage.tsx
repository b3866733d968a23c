/** Why an action was refused (or what it did), shown over the canvas for a few seconds. */
import { useEffect } from 'react';
import './GraphMessage.css';

export interface GraphMessageValue {
  readonly text: string;
  readonly tone: 'error' | 'info';
  /** Distinguishes two equal messages in a row (each restarts the timer). */
  readonly serial: number;
}

export const MESSAGE_MS = 6000;

export function GraphMessage({ message, onClose }: { message: GraphMessageValue | null; onClose: () => void }) {
  useEffect(() => {
    if (!message) return;
    const t = setTimeout(onClose, MESSAGE_MS);
    return () => clearTimeout(t);
  }, [message, onClose]);
  if (!message) return null;
  return (
    <div className={`graph-message is-${message.tone}`} data-testid="graph-message" role={message.tone === 'error' ? 'alert' : 'status'}>
      <span>{message.text}</span>
      <button type="button" className="graph-message-close" aria-label="Dismiss the message" onClick={onClose}>
        ×
      </button>
    </div>
  );
}
