/** Ways for the run loop to let queued messages in between slices. */

/** A macrotask: lets queued messages in before the next slice. */
export function defaultYield(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * A faster yield for browsers/workers: a MessageChannel task is not clamped to 4 ms the way nested
 * setTimeout(0) is.
 */
export function messageChannelYield(): () => Promise<void> {
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
}
