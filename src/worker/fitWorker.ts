/**
 * The fit worker's entry (a Vite module worker, started by fitClient.ts): parameter fits run here,
 * never on the page. Everything lives in fitHandler.ts.
 */
import { acquireBrowserGpu } from './browserGpu';
import { FitHandler } from './fitHandler';
import type { FitRequest, FitResponse } from './fitProtocol';

const scope = self as unknown as {
  postMessage(message: FitResponse, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<FitRequest>) => void) | null;
};

const handler = new FitHandler(
  (message, transfer) => scope.postMessage(message, transfer),
  () => performance.now(),
  acquireBrowserGpu,
);
scope.onmessage = (event) => void handler.handle(event.data);
