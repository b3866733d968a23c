/**
 * What `spikeflow fit` writes: fitted-params.json (the fitted values with units and where they
 * started), fitted-project.json (the project with those values applied: runnable as is, and its fit
 * section is the one that was run) and loss-history.csv (one row per iteration).
 */
type Json = Record<string, unknown>;

export interface FittedParam {
  /** `tau_m`, `Na.gNa` (a parameter of the inserted channel Na) or `init:v`. */
  readonly name: string;
  /** In the declared unit. */
  readonly value: number;
  readonly initial: number;
  /** Declared unit text ('' for dimensionless). */
  readonly unit: string;
  readonly min?: number;
  readonly max?: number;
}

/** 12 significant digits: the fit's precision, without the float noise of unit conversions. */
export function roundValue(value: number): number {
  return Number(value.toPrecision(12));
}

/** `"118.2 mS/cm2"`, or a plain number when dimensionless. */
function amount(p: FittedParam): number | string {
  return p.unit === '' ? roundValue(p.value) : `${roundValue(p.value)} ${p.unit}`;
}

/**
 * The project document with the fitted values in the population's `params` (the cell's own), its
 * channel's `params` (`Channel.param`), its `init` (`init:STATE`) or a projection's synapse
 * (`syn:PROJECTION.PARAM`). A per-neuron array or a distribution is replaced by the fitted scalar:
 * the fit simulated one neuron.
 */
export function applyFittedValues(doc: Json, population: string, params: readonly FittedParam[]): Json {
  const synaptic = params.filter((p) => p.name.startsWith('syn:'));
  const cellParams = params.filter((p) => !p.name.startsWith('syn:'));
  const withSynapses = synaptic.length > 0 ? applyFittedSynapses(doc, synaptic) : doc;
  return { ...withSynapses, populations: applyToPopulation(withSynapses, population, cellParams) };
}

/**
 * `syn:PROJECTION.PARAM`: into the projection's `params`, except a weight given as the projection's
 * `weight` (where the project had it), which stays there.
 */
function applyFittedSynapses(doc: Json, params: readonly FittedParam[]): Json {
  const projections = ((doc.projections as Json[] | undefined) ?? []).map((proj) => {
    let out: Json = proj;
    for (const p of params) {
      const [id, name] = p.name.slice(4).split('.');
      if (proj.id !== id) continue;
      const inParams = (out.params as Json | undefined)?.[name] !== undefined;
      out = name === 'w' && !inParams ? { ...out, weight: amount(p) } : { ...out, params: { ...(out.params as Json | undefined), [name]: amount(p) } };
    }
    return out;
  });
  return { ...doc, projections };
}

function applyToPopulation(doc: Json, population: string, params: readonly FittedParam[]): Json[] {
  return (doc.populations as Json[]).map((pop) => {
    if (pop.id !== population) return pop;
    const out: Json = { ...pop };
    for (const p of params) {
      if (p.name.startsWith('init:')) {
        out.init = { ...(out.init as Json | undefined), [p.name.slice(5)]: amount(p) };
        continue;
      }
      const dot = p.name.indexOf('.');
      if (dot < 0) {
        out.params = { ...(out.params as Json | undefined), [p.name]: amount(p) };
        continue;
      }
      const model = p.name.slice(0, dot);
      const channels = [...((out.channels as Json[] | undefined) ?? [])];
      const k = channels.findIndex((c) => c.model === model);
      // The fit found the parameter, so the channel is there; guard anyway rather than lose the value.
      if (k < 0) throw new Error(`population '${population}' has no channel '${model}' for '${p.name}'`);
      channels[k] = { ...channels[k], params: { ...(channels[k].params as Json | undefined), [p.name.slice(dot + 1)]: amount(p) } };
      out.channels = channels;
    }
    return out;
  });
}

export interface HistoryRow {
  readonly iteration: number;
  readonly evaluations: number;
  readonly loss: number;
  /** Declared units, one per parameter. */
  readonly values: readonly number[];
}

/** Header of loss-history.csv: `iteration,evaluations,loss,gNa (mS/cm2),...`. */
export function historyHeader(params: readonly Pick<FittedParam, 'name' | 'unit'>[]): string {
  const quote = (s: string) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return ['iteration', 'evaluations', 'loss', ...params.map((p) => quote(p.unit === '' ? p.name : `${p.name} (${p.unit})`))].join(',');
}

export function historyRow(row: HistoryRow): string {
  // Losses and values need more than f32's digits to show the last steps of a converging fit.
  const number = (x: number) => (Number.isFinite(x) ? String(roundValue(x)) : String(x));
  return [String(row.iteration), String(row.evaluations), number(row.loss), ...row.values.map(number)].join(',');
}
