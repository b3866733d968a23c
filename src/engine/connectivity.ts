/**
 * Connectivity generation: turns a projection's `Connectivity` rule into the list of connections
 * (pre[c], post[c]) in creation order, and groups them per pre / post neuron (CSR).
 *
 * Determinism: every random draw is `hashWithKey(rngKey(seed, stream, hi = neuron), counter = draw
 * number)` from the counter-based RNG in rng.ts, so the result depends only on (rule, sizes, seed,
 * stream, samePopulation) — and a neuron's connections depend only on that neuron's own draws: the
 * row of pre i under `fixed_probability` / `fixed_out_degree` does not change when nPre changes,
 * nor the column of post j under `fixed_in_degree` when nPost changes. Use a named stream, e.g.
 * `streamId('connectivity', projectionId)`.
 *
 * Creation order (the order per-connection arrays — weights, delays — refer to):
 * - all_to_all, fixed_probability, fixed_out_degree: grouped by pre (ascending), post ascending.
 * - fixed_in_degree: grouped by post (ascending), pre ascending within a post.
 * - one_to_one: i → i for i = 0..n-1.   explicit: the list's order.
 *
 * Algorithms:
 * - fixed_probability: per pre row, geometric skipping — the gap to the next connected post is
 *   floor(ln u / ln(1 - p)), u from draw d = 0, 1, 2, … of (hi = pre). Two passes: count, allocate
 *   exact Int32Arrays, fill by recomputing the very same draws. O(nPre + count) time, no
 *   memory beyond the output. Self pairs (samePopulation && !allowSelf) are drawn and then
 *   dropped, so every other pair stays an independent Bernoulli(p).
 * - fixed_in_degree / fixed_out_degree: Floyd's algorithm for a uniform k-subset of n candidates
 *   (exactly k draws per neuron, no rejection), membership via a reusable Int32Array marker
 *   stamped with the neuron index; the chosen k indices are then put in ascending order (sort for
 *   small k, marker scan for k comparable to n). O(k log k) per neuron, O(n) extra memory.
 * - outgoing / incoming: counting sort, O(count + n); ids within a group in creation order.
 */
import type { Connectivity } from '../project/networkSchema';
import { hashWithKey, rngKey } from './rng.ts';

export interface ConnectionList {
  readonly nPre: number;
  readonly nPost: number;
  /** Connections in creation order (the order per-connection arrays — weights, delays — refer to). */
  readonly pre: Int32Array;
  readonly post: Int32Array;
}

/** Outgoing connections of each pre neuron: ids (indices into the creation order) grouped by pre, in CSR form. */
export interface OutgoingCSR {
  /** Length n + 1: the ids of group g are ids[indptr[g] .. indptr[g + 1]). */
  readonly indptr: Int32Array;
  /** Length count: connection ids (creation order indices), ascending within each group. */
  readonly ids: Int32Array;
}

/** A connectivity rule that cannot be applied to the given populations. */
export class ConnectivityError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectivityError';
  }
}

/** Largest connection count: ids are Int32. */
export const MAX_CONNECTIONS = 0x7fffffff;

const TWO_POW_M32 = 1 / 4294967296;

function fail(rule: string, message: string): never {
  throw new ConnectivityError(`connectivity '${rule}': ${message}`);
}

function checkCount(rule: string, count: number, what: string): void {
  if (count > MAX_CONNECTIONS) {
    fail(rule, `${what} gives ${count} connections, more than the maximum of ${MAX_CONNECTIONS}`);
  }
}

function list(nPre: number, nPost: number, pre: Int32Array, post: Int32Array): ConnectionList {
  return { nPre, nPost, pre, post };
}

/**
 * The connections a rule creates between a pre population of `nPre` neurons and a post population
 * of `nPost`. `samePopulation`: pre and post are the same population, so i → i is a self-connection
 * (excluded unless the rule says `allowSelf: true`; `one_to_one` and `explicit` are taken as given).
 */
export function buildConnections(
  rule: Connectivity,
  nPre: number,
  nPost: number,
  seed: number,
  stream: number,
  samePopulation: boolean,
): ConnectionList {
  const name = rule.rule;
  for (const [label, n] of [['nPre', nPre], ['nPost', nPost]] as const) {
    if (!Number.isInteger(n) || n < 0 || n > MAX_CONNECTIONS) fail(name, `${label} must be a non-negative integer, got ${n}`);
  }
  if (samePopulation && nPre !== nPost) {
    fail(name, `pre and post are the same population but have different sizes (${nPre} and ${nPost})`);
  }
  seed >>>= 0;
  stream >>>= 0;
  switch (rule.rule) {
    case 'all_to_all':
      return allToAll(nPre, nPost, samePopulation && !rule.allowSelf);
    case 'one_to_one': {
      if (nPre !== nPost) {
        fail(name, `needs populations of the same size, but pre has ${nPre} neurons and post has ${nPost}`);
      }
      const pre = new Int32Array(nPre);
      for (let i = 0; i < nPre; i++) pre[i] = i;
      return list(nPre, nPost, pre, pre.slice());
    }
    case 'fixed_probability': {
      const p = rule.p;
      if (!(p >= 0 && p <= 1)) fail(name, `p must be a probability in [0, 1], got ${p}`);
      const excludeSelf = samePopulation && !rule.allowSelf;
      if (p === 1) return allToAll(nPre, nPost, excludeSelf);
      return fixedProbability(p, nPre, nPost, seed, stream, excludeSelf);
    }
    case 'fixed_in_degree': {
      const excludeSelf = samePopulation && !rule.allowSelf;
      const { outer, inner } = fixedDegree(name, rule.k, nPost, nPre, seed, stream, excludeSelf, 'post', 'pre');
      return list(nPre, nPost, inner, outer);
    }
    case 'fixed_out_degree': {
      const excludeSelf = samePopulation && !rule.allowSelf;
      const { outer, inner } = fixedDegree(name, rule.k, nPre, nPost, seed, stream, excludeSelf, 'pre', 'post');
      return list(nPre, nPost, outer, inner);
    }
    case 'explicit':
      return explicit(rule.pre, rule.post, nPre, nPost);
    default: {
      const never: never = rule;
      throw new ConnectivityError(`connectivity: unknown rule ${JSON.stringify((never as { rule?: unknown }).rule)}`);
    }
  }
}

function allToAll(nPre: number, nPost: number, excludeSelf: boolean): ConnectionList {
  const count = nPre * nPost - (excludeSelf ? Math.min(nPre, nPost) : 0);
  checkCount('all_to_all', count, `${nPre} × ${nPost} neurons`);
  const pre = new Int32Array(count);
  const post = new Int32Array(count);
  let c = 0;
  for (let i = 0; i < nPre; i++) {
    for (let j = 0; j < nPost; j++) {
      if (excludeSelf && i === j) continue;
      pre[c] = i;
      post[c] = j;
      c++;
    }
  }
  return list(nPre, nPost, pre, post);
}

/**
 * One pass of geometric skipping over all rows. Without output arrays it only counts; with them it
 * also writes. Both passes make exactly the same draws, so the fill pass reproduces the count.
 */
function geometricPass(
  invLog1mP: number,
  nPre: number,
  nPost: number,
  seed: number,
  stream: number,
  excludeSelf: boolean,
  pre: Int32Array | null,
  post: Int32Array | null,
): number {
  let c = 0;
  for (let i = 0; i < nPre; i++) {
    const key = rngKey(seed, stream, i, 0);
    let j = -1;
    for (let d = 0; ; d++) {
      // u in (0, 1) with 32-bit resolution, so ln u is finite.
      const u = (hashWithKey(key, d) + 0.5) * TWO_POW_M32;
      j += Math.floor(Math.log(u) * invLog1mP) + 1;
      if (j >= nPost) break;
      if (excludeSelf && j === i) continue;
      if (pre !== null && post !== null) {
        pre[c] = i;
        post[c] = j;
      }
      c++;
    }
  }
  return c;
}

function fixedProbability(
  p: number,
  nPre: number,
  nPost: number,
  seed: number,
  stream: number,
  excludeSelf: boolean,
): ConnectionList {
  if (p === 0 || nPre === 0 || nPost === 0) return list(nPre, nPost, new Int32Array(0), new Int32Array(0));
  const invLog1mP = 1 / Math.log1p(-p);
  const count = geometricPass(invLog1mP, nPre, nPost, seed, stream, excludeSelf, null, null);
  checkCount('fixed_probability', count, `p = ${p} over ${nPre} × ${nPost} neurons`);
  const pre = new Int32Array(count);
  const post = new Int32Array(count);
  const filled = geometricPass(invLog1mP, nPre, nPost, seed, stream, excludeSelf, pre, post);
  if (filled !== count) throw new Error(`fixed_probability: internal error, fill pass made ${filled} of ${count} connections`);
  return list(nPre, nPost, pre, post);
}

/**
 * For each of `nOuter` neurons (hi = its index), k distinct partners among `nInner` (minus the
 * neuron itself when excludeSelf), by Floyd's algorithm; partners ascending within each group.
 */
function fixedDegree(
  rule: string,
  k: number,
  nOuter: number,
  nInner: number,
  seed: number,
  stream: number,
  excludeSelf: boolean,
  outerName: string,
  innerName: string,
): { outer: Int32Array; inner: Int32Array } {
  if (!Number.isInteger(k) || k < 0) fail(rule, `k must be a non-negative integer, got ${k}`);
  const available = excludeSelf ? Math.max(nInner - 1, 0) : nInner;
  if (k > available) {
    fail(
      rule,
      `k = ${k} is more than the ${available} distinct ${innerName} neurons available to each ${outerName} neuron` +
        (excludeSelf ? ` (${nInner} minus itself; set allowSelf: true to allow self-connections)` : ''),
    );
  }
  const count = k * nOuter;
  checkCount(rule, count, `k = ${k} for each of ${nOuter} ${outerName} neurons`);
  const outer = new Int32Array(count);
  const inner = new Int32Array(count);
  if (k === 0) return { outer, inner };
  // marker[x] === o: candidate x already chosen for neuron o (candidates are indices before the
  // self-skip mapping). Stamping with o means the marker never needs clearing.
  const marker = new Int32Array(available).fill(-1);
  // Scanning the marker (O(available)) beats sorting (O(k log k)) when k is a large fraction.
  const scan = k * Math.log2(k + 1) >= available;
  let c = 0;
  for (let o = 0; o < nOuter; o++) {
    const key = rngKey(seed, stream, o, 0);
    const start = c;
    for (let d = 0, t = available - k; d < k; d++, t++) {
      // r uniform in [0, t]: floor(h·(t+1) / 2^32) (exact product for t < 2^21; never reaches t+1).
      let r = Math.floor(hashWithKey(key, d) * (t + 1) * TWO_POW_M32);
      if (r > t) r = t;
      if (marker[r] === o) r = t;
      marker[r] = o;
      if (!scan) inner[c] = excludeSelf && r >= o ? r + 1 : r;
      c++;
    }
    if (scan) {
      let w = start;
      for (let x = 0; x < available; x++) if (marker[x] === o) inner[w++] = excludeSelf && x >= o ? x + 1 : x;
    } else if (k > 1) {
      inner.subarray(start, c).sort();
    }
    outer.fill(o, start, c);
  }
  return { outer, inner };
}

function explicit(preIn: readonly number[], postIn: readonly number[], nPre: number, nPost: number): ConnectionList {
  if (preIn.length !== postIn.length) {
    fail('explicit', `pre and post must have the same length, but pre has ${preIn.length} entries and post has ${postIn.length}`);
  }
  checkCount('explicit', preIn.length, 'the list');
  const n = preIn.length;
  const pre = new Int32Array(n);
  const post = new Int32Array(n);
  for (let c = 0; c < n; c++) {
    const i = preIn[c];
    const j = postIn[c];
    if (!Number.isInteger(i) || i < 0 || i >= nPre) {
      fail('explicit', `pre[${c}] = ${i} is not a neuron index of the pre population (0 … ${nPre - 1}, ${nPre} neurons)`);
    }
    if (!Number.isInteger(j) || j < 0 || j >= nPost) {
      fail('explicit', `post[${c}] = ${j} is not a neuron index of the post population (0 … ${nPost - 1}, ${nPost} neurons)`);
    }
    pre[c] = i;
    post[c] = j;
  }
  return list(nPre, nPost, pre, post);
}

/** Counting sort of connection ids by `key` (values in [0, n)); ids stay ascending within a group. */
function group(key: Int32Array, n: number): OutgoingCSR {
  const indptr = new Int32Array(n + 1);
  const m = key.length;
  for (let c = 0; c < m; c++) indptr[key[c] + 1]++;
  for (let g = 0; g < n; g++) indptr[g + 1] += indptr[g];
  const next = indptr.slice(0, n);
  const ids = new Int32Array(m);
  for (let c = 0; c < m; c++) ids[next[key[c]]++] = c;
  return { indptr, ids };
}

/** Outgoing connections of each pre neuron, in CSR form (ids in creation order within a group). */
export function outgoing(list: ConnectionList): OutgoingCSR {
  return group(list.pre, list.nPre);
}

/** Incoming connections of each post neuron, in CSR form (ids in creation order within a group). */
export function incoming(list: ConnectionList): OutgoingCSR {
  return group(list.post, list.nPost);
}
