import { describe, expect, it } from 'vitest';
import type { Connectivity } from '../project/networkSchema';
import { buildConnections, incoming, outgoing, type ConnectionList, type OutgoingCSR } from './connectivity.ts';
import { streamId } from './rng.ts';

const STREAM = streamId('connectivity', 'exc_to_inh');

function pairs(l: ConnectionList): [number, number][] {
  return Array.from(l.pre, (i, c) => [i, l.post[c]]);
}

function build(rule: Connectivity, nPre: number, nPost: number, same = false, seed = 1, stream = STREAM): ConnectionList {
  return buildConnections(rule, nPre, nPost, seed, stream, same);
}

function degrees(idx: Int32Array, n: number): Float64Array {
  const d = new Float64Array(n);
  for (const x of idx) d[x]++;
  return d;
}

function meanVar(xs: Float64Array): { mean: number; variance: number } {
  let s = 0;
  for (const x of xs) s += x;
  const mean = s / xs.length;
  let v = 0;
  for (const x of xs) v += (x - mean) * (x - mean);
  return { mean, variance: v / (xs.length - 1) };
}

function sameArrays(a: ConnectionList, b: ConnectionList): boolean {
  if (a.pre.length !== b.pre.length) return false;
  for (let c = 0; c < a.pre.length; c++) if (a.pre[c] !== b.pre[c] || a.post[c] !== b.post[c]) return false;
  return true;
}

/** Each group holds exactly its pairs' ids, in groups of distinct ids, ascending (creation order). */
function checkCsr(csr: OutgoingCSR, key: Int32Array, n: number): void {
  expect(csr.indptr.length).toBe(n + 1);
  expect(csr.indptr[0]).toBe(0);
  expect(csr.indptr[n]).toBe(key.length);
  expect(csr.ids.length).toBe(key.length);
  const seen = new Uint8Array(key.length);
  for (let g = 0; g < n; g++) {
    expect(csr.indptr[g + 1]).toBeGreaterThanOrEqual(csr.indptr[g]);
    for (let q = csr.indptr[g]; q < csr.indptr[g + 1]; q++) {
      const id = csr.ids[q];
      if (key[id] !== g) throw new Error(`id ${id} (key ${key[id]}) in group ${g}`);
      if (q > csr.indptr[g] && csr.ids[q - 1] >= id) throw new Error(`group ${g} not in creation order`);
      seen[id]++;
    }
  }
  for (let c = 0; c < key.length; c++) if (seen[c] !== 1) throw new Error(`connection ${c} appears ${seen[c]} times`);
}

describe('buildConnections: deterministic rules', () => {
  it('all_to_all: every pair, pre-major; self pairs dropped only for the same population', () => {
    expect(pairs(build({ rule: 'all_to_all', allowSelf: false }, 2, 3))).toEqual([
      [0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2],
    ]);
    expect(pairs(build({ rule: 'all_to_all', allowSelf: false }, 3, 3, true))).toEqual([
      [0, 1], [0, 2], [1, 0], [1, 2], [2, 0], [2, 1],
    ]);
    expect(build({ rule: 'all_to_all', allowSelf: true }, 3, 3, true).pre.length).toBe(9);
    const l = build({ rule: 'all_to_all', allowSelf: false }, 2, 3);
    expect(l.nPre).toBe(2);
    expect(l.nPost).toBe(3);
    expect(l.pre).toBeInstanceOf(Int32Array);
    expect(build({ rule: 'all_to_all', allowSelf: false }, 0, 5).pre.length).toBe(0);
  });

  it('one_to_one: i → i; sizes must match', () => {
    expect(pairs(build({ rule: 'one_to_one' }, 4, 4))).toEqual([[0, 0], [1, 1], [2, 2], [3, 3]]);
    expect(pairs(build({ rule: 'one_to_one' }, 3, 3, true))).toEqual([[0, 0], [1, 1], [2, 2]]);
    expect(() => build({ rule: 'one_to_one' }, 4, 5)).toThrow(/one_to_one.*same size.*pre has 4 neurons and post has 5/);
  });

  it('explicit: the list as given (self pairs and duplicates kept), indices checked', () => {
    const rule: Connectivity = { rule: 'explicit', pre: [2, 0, 1, 1], post: [0, 0, 1, 1] };
    expect(pairs(build(rule, 3, 2, false))).toEqual([[2, 0], [0, 0], [1, 1], [1, 1]]);
    expect(pairs(build(rule, 3, 3, true))).toEqual([[2, 0], [0, 0], [1, 1], [1, 1]]);
    expect(build({ rule: 'explicit', pre: [], post: [] }, 3, 3).pre.length).toBe(0);
    expect(() => build({ rule: 'explicit', pre: [0, 1], post: [0] }, 3, 3)).toThrow(
      /explicit.*same length.*pre has 2 entries and post has 1/,
    );
    expect(() => build({ rule: 'explicit', pre: [0, 1, 3], post: [0, 0, 0] }, 3, 3)).toThrow(
      /pre\[2\] = 3 is not a neuron index of the pre population \(0 … 2, 3 neurons\)/,
    );
    expect(() => build({ rule: 'explicit', pre: [0, 1], post: [0, 5] }, 3, 4)).toThrow(/post\[1\] = 5 .*4 neurons/);
    expect(() => build({ rule: 'explicit', pre: [-1], post: [0] }, 3, 4)).toThrow(/pre\[0\] = -1/);
    expect(() => build({ rule: 'explicit', pre: [0.5], post: [0] }, 3, 4)).toThrow(/pre\[0\] = 0.5/);
  });

  it('rejects bad sizes', () => {
    expect(() => build({ rule: 'one_to_one' }, -1, -1)).toThrow(/nPre must be a non-negative integer, got -1/);
    expect(() => build({ rule: 'all_to_all', allowSelf: false }, 3, 4, true)).toThrow(/same population but have different sizes \(3 and 4\)/);
    expect(() => build({ rule: 'all_to_all', allowSelf: true }, 70000, 70000)).toThrow(/more than the maximum/);
  });
});

describe('buildConnections: fixed_probability', () => {
  const n = 2000;
  const p = 0.05;

  it('count within 4σ of n²p; in-degree mean and variance p·n, p(1-p)·n; out-degree likewise', () => {
    const l = build({ rule: 'fixed_probability', p, allowSelf: false }, n, n);
    const mean = n * n * p;
    expect(Math.abs(l.pre.length - mean)).toBeLessThan(4 * Math.sqrt(mean * (1 - p)));
    for (const [idx, label] of [[l.post, 'in'], [l.pre, 'out']] as const) {
      const m = meanVar(degrees(idx, n));
      // se of the mean ≈ 0.22; relative se of the variance ≈ sqrt(2/n) ≈ 3.2%.
      expect(Math.abs(m.mean - p * n), label).toBeLessThan(1);
      expect(Math.abs(m.variance / (p * (1 - p) * n) - 1), label).toBeLessThan(0.15);
    }
    // Rows are pre-major with post strictly ascending, so pairs are distinct.
    for (let c = 1; c < l.pre.length; c++) {
      if (l.pre[c] < l.pre[c - 1] || (l.pre[c] === l.pre[c - 1] && l.post[c] <= l.post[c - 1])) throw new Error(`order at ${c}`);
    }
  });

  it('posts are uniform over positions (no skipping bias): chi-square over 20 bins', () => {
    const l = build({ rule: 'fixed_probability', p: 0.3, allowSelf: false }, 500, 1000);
    const bins = new Float64Array(20);
    for (const j of l.post) bins[Math.floor(j / 50)]++;
    const e = l.post.length / 20;
    let chi2 = 0;
    for (const b of bins) chi2 += ((b - e) * (b - e)) / e;
    expect(chi2).toBeLessThan(55); // 19 dof: p ≈ 3e-5
  });

  it('self pairs: excluded in the same population unless allowSelf', () => {
    const count = (l: ConnectionList): number => l.pre.filter((i, c) => i === l.post[c]).length;
    expect(count(build({ rule: 'fixed_probability', p: 0.5, allowSelf: false }, 400, 400, true))).toBe(0);
    const withSelf = count(build({ rule: 'fixed_probability', p: 0.5, allowSelf: true }, 400, 400, true));
    expect(withSelf).toBeGreaterThan(150);
    expect(withSelf).toBeLessThan(250);
    expect(count(build({ rule: 'fixed_probability', p: 0.5, allowSelf: false }, 400, 400, false))).toBeGreaterThan(150);
    // Excluding self pairs only drops the diagonal: the other pairs are the same draws.
    const a = build({ rule: 'fixed_probability', p: 0.5, allowSelf: true }, 50, 50, true);
    const b = build({ rule: 'fixed_probability', p: 0.5, allowSelf: false }, 50, 50, true);
    expect(pairs(b)).toEqual(pairs(a).filter(([i, j]) => i !== j));
  });

  it('p = 0 and p = 1; p out of range', () => {
    expect(build({ rule: 'fixed_probability', p: 0, allowSelf: false }, 100, 100).pre.length).toBe(0);
    expect(build({ rule: 'fixed_probability', p: 1, allowSelf: false }, 30, 40).pre.length).toBe(1200);
    expect(build({ rule: 'fixed_probability', p: 1, allowSelf: false }, 30, 30, true).pre.length).toBe(870);
    expect(() => build({ rule: 'fixed_probability', p: 1.5, allowSelf: false }, 3, 3)).toThrow(/p must be a probability in \[0, 1\], got 1.5/);
  });

  it('a pre row depends only on (seed, stream, pre index), not on nPre', () => {
    const small = build({ rule: 'fixed_probability', p: 0.1, allowSelf: false }, 100, 300);
    const big = build({ rule: 'fixed_probability', p: 0.1, allowSelf: false }, 250, 300);
    expect(pairs(big).slice(0, small.pre.length)).toEqual(pairs(small));
  });
});

describe('buildConnections: fixed degree', () => {
  it('fixed_in_degree: every post has exactly k distinct pres; pre usage uniform (chi-square)', () => {
    const nPre = 500;
    const nPost = 2000;
    const k = 50;
    const l = build({ rule: 'fixed_in_degree', k, allowSelf: false }, nPre, nPost);
    expect(l.pre.length).toBe(k * nPost);
    const csr = incoming(l);
    for (let j = 0; j < nPost; j++) {
      const from = new Set<number>();
      for (let q = csr.indptr[j]; q < csr.indptr[j + 1]; q++) from.add(l.pre[csr.ids[q]]);
      if (from.size !== k) throw new Error(`post ${j}: ${from.size} distinct pres`);
    }
    // Per-pre usage: sum over posts of Bernoulli(k/nPre), variance nPost·q(1-q).
    const q = k / nPre;
    const e = nPost * q;
    let chi2 = 0;
    for (const d of degrees(l.pre, nPre)) chi2 += ((d - e) * (d - e)) / (e * (1 - q));
    const dof = nPre - 1;
    expect(Math.abs(chi2 - dof)).toBeLessThan(5 * Math.sqrt(2 * dof));
  });

  it('fixed_out_degree: every pre has exactly k distinct posts, ascending; post usage uniform', () => {
    const nPre = 2000;
    const nPost = 300;
    const k = 200; // a large fraction of nPost (the marker-scan path)
    const l = build({ rule: 'fixed_out_degree', k, allowSelf: false }, nPre, nPost);
    expect(l.pre.length).toBe(k * nPre);
    for (let i = 0; i < nPre; i++) {
      expect(l.pre[i * k]).toBe(i);
      for (let c = i * k + 1; c < (i + 1) * k; c++) {
        if (l.pre[c] !== i || l.post[c] <= l.post[c - 1]) throw new Error(`pre ${i} at ${c}`);
      }
    }
    const q = k / nPost;
    const e = nPre * q;
    let chi2 = 0;
    for (const d of degrees(l.post, nPost)) chi2 += ((d - e) * (d - e)) / (e * (1 - q));
    const dof = nPost - 1;
    expect(Math.abs(chi2 - dof)).toBeLessThan(5 * Math.sqrt(2 * dof));
  });

  it('Floyd sampling gives every k-subset equal probability (5 choose 2, both code paths)', () => {
    for (const k of [2, 3]) {
      const n = 5;
      const nPre = 30000;
      const l = build({ rule: 'fixed_out_degree', k, allowSelf: false }, nPre, n);
      const counts = new Map<string, number>();
      for (let i = 0; i < nPre; i++) {
        const key = Array.from(l.post.subarray(i * k, (i + 1) * k)).join(',');
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      expect(counts.size).toBe(10);
      const e = nPre / 10;
      let chi2 = 0;
      for (const c of counts.values()) chi2 += ((c - e) * (c - e)) / e;
      expect(chi2).toBeLessThan(40); // 9 dof: p ≈ 7e-6
    }
  });

  it('self-connections: excluded in the same population unless allowSelf; k up to the maximum', () => {
    for (const rule of ['fixed_in_degree', 'fixed_out_degree'] as const) {
      const l = build({ rule, k: 10, allowSelf: false }, 200, 200, true);
      expect(l.pre.some((i, c) => i === l.post[c])).toBe(false);
      const full = build({ rule, k: 199, allowSelf: false }, 200, 200, true);
      const everyOther = pairs(build({ rule: 'all_to_all', allowSelf: false }, 200, 200, true)).sort(
        rule === 'fixed_in_degree' ? (a, b) => a[1] - b[1] || a[0] - b[0] : () => 0,
      );
      // (compared as one string: a failing toEqual on 40k pairs takes minutes to diff)
      expect(pairs(full).join(';') === everyOther.join(';'), `${rule} k = n - 1`).toBe(true);
      const withSelf = build({ rule, k: 200, allowSelf: true }, 200, 200, true);
      expect(withSelf.pre.filter((i, c) => i === withSelf.post[c]).length).toBe(200);
      expect(() => build({ rule, k: 200, allowSelf: false }, 200, 200, true)).toThrow(
        /k = 200 is more than the 199 distinct .* neurons available .*set allowSelf: true/,
      );
      expect(build({ rule, k: 0, allowSelf: false }, 20, 20).pre.length).toBe(0);
    }
    // With self excluded, the other neurons are still equally likely (post usage: chi-square).
    const n = 2000;
    const k = 5;
    const l = build({ rule: 'fixed_out_degree', k, allowSelf: false }, n, n, true);
    const q = k / (n - 1);
    const e = (n - 1) * q;
    let chi2 = 0;
    for (const d of degrees(l.post, n)) chi2 += ((d - e) * (d - e)) / (e * (1 - q));
    expect(Math.abs(chi2 - (n - 1))).toBeLessThan(5 * Math.sqrt(2 * (n - 1)));
  });

  it('k larger than the population is an error naming both', () => {
    expect(() => build({ rule: 'fixed_in_degree', k: 11, allowSelf: false }, 10, 5)).toThrow(
      /fixed_in_degree': k = 11 is more than the 10 distinct pre neurons available to each post neuron/,
    );
    expect(() => build({ rule: 'fixed_out_degree', k: 6, allowSelf: true }, 10, 5)).toThrow(
      /fixed_out_degree': k = 6 is more than the 5 distinct post neurons available to each pre neuron/,
    );
  });

  it('a neuron’s partners depend only on (seed, stream, its index)', () => {
    const a = build({ rule: 'fixed_in_degree', k: 5, allowSelf: false }, 100, 40);
    const b = build({ rule: 'fixed_in_degree', k: 5, allowSelf: false }, 100, 90);
    expect(pairs(b).slice(0, a.pre.length)).toEqual(pairs(a));
  });
});

describe('buildConnections: determinism', () => {
  const rules: Connectivity[] = [
    { rule: 'fixed_probability', p: 0.1, allowSelf: false },
    { rule: 'fixed_in_degree', k: 7, allowSelf: false },
    { rule: 'fixed_out_degree', k: 7, allowSelf: false },
  ];
  for (const rule of rules) {
    it(`${rule.rule}: same (seed, stream) → identical; other seed or stream → different`, () => {
      const a = build(rule, 300, 200, false, 42, STREAM);
      expect(sameArrays(a, build(rule, 300, 200, false, 42, STREAM))).toBe(true);
      expect(sameArrays(a, build(rule, 300, 200, false, 43, STREAM))).toBe(false);
      expect(sameArrays(a, build(rule, 300, 200, false, 42, streamId('connectivity', 'other')))).toBe(false);
    });
  }
});

describe('outgoing / incoming', () => {
  it('small example', () => {
    const l = build({ rule: 'explicit', pre: [1, 0, 1, 2], post: [0, 2, 2, 0] }, 4, 3);
    const out = outgoing(l);
    expect(Array.from(out.indptr)).toEqual([0, 1, 3, 4, 4]);
    expect(Array.from(out.ids)).toEqual([1, 0, 2, 3]);
    const inc = incoming(l);
    expect(Array.from(inc.indptr)).toEqual([0, 2, 2, 4]);
    expect(Array.from(inc.ids)).toEqual([0, 3, 1, 2]);
  });

  it('every connection once, in its group, in creation order', () => {
    for (const l of [
      build({ rule: 'fixed_probability', p: 0.03, allowSelf: false }, 700, 500),
      build({ rule: 'fixed_in_degree', k: 20, allowSelf: false }, 300, 400),
      build({ rule: 'fixed_out_degree', k: 20, allowSelf: false }, 300, 300, true),
      build({ rule: 'all_to_all', allowSelf: false }, 0, 3),
    ]) {
      checkCsr(outgoing(l), l.pre, l.nPre);
      checkCsr(incoming(l), l.post, l.nPost);
    }
  });
});

describe('timing (printout only)', () => {
  it('fixed_probability 4000² at p = 0.02 and 64000² at p = 0.002', () => {
    for (const [n, p] of [[4000, 0.02], [64000, 0.002]] as const) {
      build({ rule: 'fixed_probability', p, allowSelf: false }, 1000, 1000); // warm-up
      const t0 = performance.now();
      const l = build({ rule: 'fixed_probability', p, allowSelf: false }, n, n, true);
      const t1 = performance.now();
      outgoing(l);
      incoming(l);
      const t2 = performance.now();
      console.log(
        `connectivity: fixed_probability ${n}² p=${p}: ${l.pre.length} connections, build ${(t1 - t0).toFixed(1)} ms, outgoing+incoming ${(t2 - t1).toFixed(1)} ms`,
      );
    }
    const t0 = performance.now();
    const l = build({ rule: 'fixed_in_degree', k: 80, allowSelf: false }, 4000, 4000, true);
    console.log(`connectivity: fixed_in_degree 4000² k=80: ${l.pre.length} connections, ${(performance.now() - t0).toFixed(1)} ms`);
  });
});
