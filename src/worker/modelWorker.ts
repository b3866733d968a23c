/**
 * The model worker's entry (a Vite module worker, started by modelClient.ts): compiles model
 * sources for the code panel, so that checking as you type never blocks the page. Each request is
 * answered at once, in the order received; everything else lives in modelCheck.ts.
 */
import { answerModelRequest } from './modelCheck';
import type { ModelWorkerRequest, ModelWorkerResponse } from './modelProtocol';

const scope = self as unknown as {
  postMessage(message: ModelWorkerResponse): void;
  onmessage: ((event: MessageEvent<ModelWorkerRequest>) => void) | null;
};

scope.onmessage = (event) => scope.postMessage(answerModelRequest(event.data));
