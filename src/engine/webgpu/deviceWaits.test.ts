import { describe, expect, it } from 'vitest';
import { DeviceWaits, waitedSince } from './deviceWaits';

describe('DeviceWaits', () => {
  it('counts the wall time of awaited work, and the thread clock across it when there is one', async () => {
    let clockMs = 100;
    const waits = new DeviceWaits(() => clockMs);
    const before = waits.totals;
    const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
    // The thread clock moves by 7 ms while the work is awaited, by 1000 ms outside it (not counted).
    await waits.around(sleep(20).then(() => (clockMs += 7)));
    clockMs += 1000;
    await expect(waits.around(Promise.reject(new Error('lost')).finally(() => (clockMs += 3)))).rejects.toThrow('lost');
    const waited = waitedSince(before, waits.totals);
    expect(waited.cpuMs).toBe(10);
    expect(waited.wallMs).toBeGreaterThanOrEqual(19);
    expect(waited.wallMs).toBeLessThan(1000);
  });

  it('counts no CPU time without a thread clock', async () => {
    const waits = new DeviceWaits(undefined);
    await waits.around(Promise.resolve(1));
    expect(waits.totals.cpuMs).toBe(0);
  });

  it('sleeps through most of a chunk before reading it back only where awaiting keeps the thread busy', async () => {
    const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
    // Chunks of 10 steps whose read-back takes 40 ms (the first tells nothing: it may compile the
    // shaders); then one of 5 steps: where the thread polls, its read starts after 80% of 5 × 4 ms
    // (16 ms), elsewhere at once.
    const readStarts = async (polls: boolean): Promise<number> => {
      const waits = new DeviceWaits(undefined, polls);
      await waits.aroundChunk(10, () => sleep(40));
      await waits.aroundChunk(10, () => sleep(40));
      const start = performance.now();
      let startedMs = NaN;
      await waits.aroundChunk(5, async () => {
        startedMs = performance.now() - start;
      });
      return startedMs;
    };
    expect(await readStarts(true)).toBeGreaterThanOrEqual(14);
    expect(await readStarts(false)).toBeLessThan(5);
  });

  it('expects a chunk to take no longer than the fastest after the first per step, so a slow chunk does not lengthen the next sleeps', async () => {
    const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
    const waits = new DeviceWaits(undefined, true);
    await waits.aroundChunk(10, () => sleep(200)); // the shaders' compilation, say
    await waits.aroundChunk(10, () => sleep(30));
    await waits.aroundChunk(10, () => sleep(250)); // the machine busy elsewhere
    const start = performance.now();
    let startedMs = NaN;
    await waits.aroundChunk(10, async () => {
      startedMs = performance.now() - start;
    });
    // 80% of 30 ms, not of 200 ms.
    expect(startedMs).toBeGreaterThanOrEqual(20);
    expect(startedMs).toBeLessThan(120);
  });
});
