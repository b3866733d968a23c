/**
 * Per-connection synapse currents on the GPU (gap junctions, Jaxley's SpikeSynapse): which
 * projections carry one, which input of the post population it drives, and the currents of the
 * first GPU step, which the host computes (the GPU computes every later one after a step).
 */
import type { PopulationRuntime } from '../population';
import type { ProjectionRuntime } from '../projection';
import type { Simulation } from '../simulation';

/** Whether the projection injects a current per connection (computed on the GPU into an input row). */
export function carriesCurrent(projection: ProjectionRuntime): boolean {
  return projection.setup.plan.current === 'per-connection';
}

/** The post population's input that a per-connection current drives. */
export function inputOf(projection: ProjectionRuntime): number {
  const { post, inputArray } = projection.setup;
  const input = post.flat.inputs.findIndex((_, k) => post.inputArray(k) === inputArray);
  if (input < 0) throw new Error(`internal: projection '${projection.id}' has no input array in '${post.id}'`);
  return input;
}

/**
 * The currents for the host's next step, computed by the host (the GPU computes every later one
 * after a step): per input row, from the host's per-connection states and its post cells now.
 */
export function firstCurrents(host: Simulation, pop: PopulationRuntime, rows: ReadonlyMap<number, number>, currents: readonly ProjectionRuntime[]): Float32Array[] {
  const out: Float32Array[] = [];
  for (const input of rows.keys()) {
    const array = pop.inputArray(input)!;
    array.fill(0);
    for (const projection of currents) if (projection.setup.post === pop && inputOf(projection) === input) projection.addCurrents(host.step, host.dtMs);
    out.push(Float32Array.from(array));
    array.fill(0);
  }
  return out;
}
