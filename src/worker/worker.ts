/**
 * The Web Worker entry: wires the message port to a WorkerHandler. Everything else lives in
 * handler.ts, which the tests drive directly in Node.
 */
import { acquireBrowserGpu } from './browserGpu';
import { messageChannelYield, WorkerHandler } from './handler';
import type { PageToWorker, WorkerToPage } from './protocol';

const scope = self as unknown as {
  postMessage(message: WorkerToPage, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<PageToWorker>) => void) | null;
};

const handler = new WorkerHandler((message, transfer) => scope.postMessage(message, transfer), {
  yieldToEvents: messageChannelYield(),
  acquireGpu: acquireBrowserGpu,
});

scope.onmessage = (event) => handler.handle(event.data);
handler.announce();
