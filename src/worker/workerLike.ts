/**
 * What the page's clients need of a Worker (a real one, or a fake in tests), and the wiring they
 * share: messages and crashes reach the client only from its current worker, so a replaced worker's
 * late messages are dropped.
 */
export interface WorkerLike<Request, Response> {
  postMessage(message: Request): void;
  addEventListener(type: 'message', listener: (event: { data: Response }) => void): void;
  addEventListener(type: 'error', listener: (event: { message?: string; preventDefault?(): void }) => void): void;
  terminate(): void;
}

export function watchWorker<Request, Response>(
  worker: WorkerLike<Request, Response>,
  isCurrent: () => boolean,
  receive: (message: Response) => void,
  crashed: (message: string) => void,
): void {
  worker.addEventListener('message', (event) => {
    if (isCurrent()) receive(event.data);
  });
  worker.addEventListener('error', (event) => {
    // Handled here: the error is shown by the client, not logged as an uncaught worker error.
    event.preventDefault?.();
    if (isCurrent()) crashed(event.message ?? 'unknown error');
  });
}
