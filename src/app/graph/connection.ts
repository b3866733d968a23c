/**
 * Which connections the graph accepts, and what a new projection looks like.
 *
 * Population → population makes a projection (self-connections too: loops; several projections
 * between the same pair too, as Brian2 allows several synapse groups). Stimulus → population
 * re-targets the stimulus. Everything else is refused with a reason the user sees.
 *
 * Defaults of a new projection (visible on the edge, editable in the inspector):
 * - synapse: the one picked in the palette, else SpikeSynapse for a post cell whose input is a
 *   current density (Jaxley compartments), else ExpCurrent, else the first synapse in the catalog;
 * - connectivity: all-to-all when both populations have ≤ 20 neurons (small circuits are usually
 *   meant fully connected), else fixed probability p = 0.1;
 * - weight: the synapse's default `w`, written out with its unit so it shows in the file;
 * - delay: 1 ms (a typical axonal + synaptic delay, and several steps at the usual dt).
 */
import type { ModelInfo } from '../../library/catalog';
import { freshId, parseNodeKey, type ProjectDoc, type ProjectionDoc } from '../store/document';
import { inputOf, isSpikeSource, type Catalog } from './models';

export type Verdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export const SMALL_POPULATION = 20;
export const DEFAULT_P = 0.1;
export const DEFAULT_DELAY_MS = 1;

const refuse = (reason: string): Verdict => ({ ok: false, reason });
const OK: Verdict = { ok: true };

/** Whether a connection from node `source` to node `target` (node keys) is allowed, and why not. */
export function checkConnection(doc: ProjectDoc, catalog: Catalog, source: string, target: string): Verdict {
  const from = parseNodeKey(source);
  const to = parseNodeKey(target);
  if (from.kind === 'recording') return refuse('A recorder has no output: connections start at a population or a stimulus.');
  if (to.kind === 'stimulus')
    return refuse(from.kind === 'stimulus' ? 'A stimulus cannot drive another stimulus: connect it to a population.' : 'A stimulus has no inputs: it only drives the population it targets.');
  if (to.kind === 'recording') return refuse('A recorder belongs to one population: to record another population, add a recorder from the palette.');
  const post = doc.populations.find((p) => p.id === to.id);
  if (!post) return refuse(`There is no population '${to.id}'.`);
  const postInfo = catalog.get(post.model);
  if (from.kind === 'stimulus') {
    const stim = (doc.stimuli ?? []).find((s) => s.id === from.id);
    if (!stim) return refuse(`There is no stimulus '${from.id}'.`);
    if (stim.target === post.id) return refuse(`${stim.id} already drives ${post.id}.`);
    if (postInfo && postInfo.inputs.length === 0) return refuse(`${post.id} (${post.model}) has no input a stimulus could drive.`);
    return OK;
  }
  if (!doc.populations.some((p) => p.id === from.id)) return refuse(`There is no population '${from.id}'.`);
  if (isSpikeSource(postInfo)) return refuse(`${post.id} is a spike source (${post.model}): sources take no synaptic input.`);
  if (postInfo && postInfo.inputs.length === 0) return refuse(`${post.id} (${post.model}) has no input a synapse could drive.`);
  return OK;
}

/** The synapse model of a new projection onto a `post` cell (see the module comment). */
export function pickSynapse(catalog: Catalog, post: ModelInfo | undefined, chosen?: string): string {
  if (chosen && (catalog.size === 0 || catalog.get(chosen)?.kind === 'synapse')) return chosen;
  const unit = inputOf(post)?.unit ?? '';
  if (/cm2/.test(unit) && catalog.get('SpikeSynapse')?.kind === 'synapse') return 'SpikeSynapse';
  if (catalog.size === 0 || catalog.get('ExpCurrent')?.kind === 'synapse') return 'ExpCurrent';
  return [...catalog.values()].find((m) => m.kind === 'synapse')?.name ?? 'ExpCurrent';
}

/** A new projection pre → post with the documented defaults. */
export function newProjection(doc: ProjectDoc, catalog: Catalog, pre: string, post: string, chosenSynapse?: string): ProjectionDoc {
  const prePop = doc.populations.find((p) => p.id === pre);
  const postPop = doc.populations.find((p) => p.id === post);
  const synapse = pickSynapse(catalog, postPop ? catalog.get(postPop.model) : undefined, chosenSynapse);
  const small = (prePop?.size ?? Infinity) <= SMALL_POPULATION && (postPop?.size ?? Infinity) <= SMALL_POPULATION;
  const projection: ProjectionDoc = {
    id: freshId(doc, `${pre}_${post}`),
    pre,
    post,
    synapse,
    connectivity: small ? { rule: 'all_to_all' } : { rule: 'fixed_probability', p: DEFAULT_P },
    delayMs: DEFAULT_DELAY_MS,
  };
  const w = defaultWeight(catalog.get(synapse));
  return w === undefined ? projection : { ...projection, weight: w };
}

/** The synapse's default `w` as a quantity string ("0.1 nA"), or undefined if it has none. */
export function defaultWeight(synapse: ModelInfo | undefined): string | number | undefined {
  const w = synapse?.params.find((p) => p.name === 'w');
  if (!w) return undefined;
  return w.unit === '1' || w.unit === '' ? w.defaultValue : `${w.defaultValue} ${w.unit}`;
}
