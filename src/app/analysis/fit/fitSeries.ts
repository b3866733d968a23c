/**
 * The history of one fit as it streams in: iteration, loss and every parameter's value at each
 * progress message, in growable typed arrays. Hot data: kept outside the store (the store only
 * bumps a counter), read by the charts once per frame.
 */
export class FitSeries {
  private size = 0;
  private iterationsBuf = new Float64Array(64);
  private lossesBuf = new Float64Array(64);
  private bestBuf = new Float64Array(64);
  private valuesBuf: Float64Array[];

  constructor(readonly paramCount: number) {
    this.valuesBuf = Array.from({ length: paramCount }, () => new Float64Array(64));
  }

  get length(): number {
    return this.size;
  }

  /**
   * `bestLoss`: the optimiser's own best so far, which may come from an iteration that was not
   * reported (progress is throttled); the best-so-far curve takes it into account.
   */
  push(iteration: number, loss: number, values: readonly number[], bestLoss = loss): void {
    // Progress can repeat an iteration (the last message after a final one): replace, do not add.
    if (this.size > 0 && this.iterationsBuf[this.size - 1] === iteration) this.size--;
    if (this.size === this.iterationsBuf.length) this.grow();
    this.iterationsBuf[this.size] = iteration;
    this.lossesBuf[this.size] = loss;
    const before = this.size > 0 ? this.bestBuf[this.size - 1] : Infinity;
    const here = Math.min(loss, bestLoss);
    this.bestBuf[this.size] = here < before ? here : before;
    for (let k = 0; k < this.paramCount; k++) this.valuesBuf[k][this.size] = values[k] ?? Number.NaN;
    this.size++;
  }

  private grow(): void {
    const bigger = (a: Float64Array) => {
      const b = new Float64Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.iterationsBuf = bigger(this.iterationsBuf);
    this.lossesBuf = bigger(this.lossesBuf);
    this.bestBuf = bigger(this.bestBuf);
    this.valuesBuf = this.valuesBuf.map(bigger);
  }

  /** Views of the filled part (valid until the next push). */
  get iterations(): Float64Array {
    return this.iterationsBuf.subarray(0, this.size);
  }

  get losses(): Float64Array {
    return this.lossesBuf.subarray(0, this.size);
  }

  /** The lowest loss up to each point (what an optimiser has found so far). */
  get bestLosses(): Float64Array {
    return this.bestBuf.subarray(0, this.size);
  }

  values(k: number): Float64Array {
    return this.valuesBuf[k].subarray(0, this.size);
  }

}
