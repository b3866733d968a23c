/** Test support: a WorkerHandler driven directly, with every posted message recorded. */
import { WorkerHandler, type HandlerOptions } from './handler';
import type { PageToWorker, WorkerToPage } from './protocol';

interface Sent {
  message: WorkerToPage;
  transfer: Transferable[];
}

/** A handler whose posts are recorded; `until` resolves at the first message matching a predicate. */
export function harness(options: HandlerOptions = {}, onPost?: (m: WorkerToPage, h: WorkerHandler) => void) {
  const sent: Sent[] = [];
  const waiters: { pred: (m: WorkerToPage) => boolean; resolve: (m: WorkerToPage) => void }[] = [];
  const handler: WorkerHandler = new WorkerHandler((message, transfer) => {
    sent.push({ message, transfer });
    for (const w of [...waiters]) {
      if (w.pred(message)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(message);
      }
    }
    onPost?.(message, handler);
  }, options);
  const send = (m: PageToWorker) => handler.handle(m);
  const until = <T extends WorkerToPage['type']>(type: T, runId?: number): Promise<Extract<WorkerToPage, { type: T }>> => {
    const pred = (m: WorkerToPage) => m.type === type && (runId === undefined || ('runId' in m && m.runId === runId));
    const found = sent.find((s) => pred(s.message));
    if (found) return Promise.resolve(found.message as Extract<WorkerToPage, { type: T }>);
    return new Promise((resolve) => waiters.push({ pred, resolve: resolve as (m: WorkerToPage) => void }));
  };
  /** Resolves at the first message (already sent or still to come) that `pred` accepts. */
  const waitFor = <M extends WorkerToPage>(pred: (m: WorkerToPage) => m is M): Promise<M> => {
    const found = sent.find((s) => pred(s.message));
    if (found) return Promise.resolve(found.message as M);
    return new Promise((resolve) => waiters.push({ pred, resolve: resolve as (m: WorkerToPage) => void }));
  };
  const messages = (runId?: number) => sent.map((s) => s.message).filter((m) => runId === undefined || ('runId' in m && m.runId === runId));
  return { handler, send, until, waitFor, sent, messages };
}

export const ticks = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setTimeout(r, 0));
};

