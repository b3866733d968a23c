/**
 * Prints the generated CPU step code of each benchmark's population (for profiling and review):
 *   node --import tsx bench/dump-codegen.ts [name ...]
 */
import { compileProject } from '../src/engine';
import { generatePopulationCode } from '../src/engine/cpu/codegen';
import { parseProject } from '../src/project/validate';
import { BENCHMARKS } from './benchmarks';

const names = process.argv.slice(2);
for (const def of BENCHMARKS.filter((b) => names.length === 0 || names.includes(b.name))) {
  const parsed = parseProject(def.project({ n: 10, durationMs: 1 }, def.precision, false));
  if (!parsed.ok) throw new Error(`${def.name}: invalid project`);
  const sim = compileProject(parsed.project);
  for (const pop of sim.populations) {
    const p = parsed.project.populations.find((x) => x.id === pop.id)!;
    const paramIsArray = pop.flat.params.map((fp) => p.params?.[fp.name] !== undefined && typeof p.params[fp.name] === 'object');
    const code = generatePopulationCode(pop.flat, {
      integrator: def.integrator,
      sequential: false,
      precision: def.precision,
      randomStream: 0,
      paramIsArray,
      inputHasArray: pop.flat.inputs.map(() => false),
      oneSpike: false,
    }).code;
    console.log(`// ===== ${def.name}: population '${pop.id}' (${def.model}, ${def.integrator})\n${code}\n`);
  }
}
