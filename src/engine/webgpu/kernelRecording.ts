/**
 * The recording part of a population's step (populationKernel.ts): neuron i's recorded series
 * whose recorder samples at this step (n a multiple of its interval) write their values at
 * t = n·dt into the chunk's rows of REC. Which series a neuron has, and what each reads, come from
 * the constants C (kernelLayout.ts), so one kernel serves any choice of recorded neurons.
 */
import type { KernelLayout } from './kernelLayout';

/** `definition(index)`: lines that set `v` to definition `index` at the step's start values. */
export function recordingLines(layout: KernelLayout, definition: (index: number) => string[]): string[] {
  if (layout.recorders.length === 0) return [];
  const out: string[] = [];
  out.push(`let rs = C[${layout.recStartOffset}u + i];`);
  out.push(`let re = C[${layout.recStartOffset}u + i + 1u];`);
  out.push('for (var e = rs; e < re; e++) {');
  out.push(`  let rr = C[${layout.recEntryOffset}u + 3u * e];`);
  out.push(`  let col = C[${layout.recEntryOffset}u + 3u * e + 1u];`);
  out.push(`  let what = C[${layout.recEntryOffset}u + 3u * e + 2u];`);
  out.push('  var slot = -1;');
  out.push('  switch rr {');
  layout.recorders.forEach((r, k) => {
    const I = r.setup.intervalSteps;
    const width = r.setup.series.length;
    // Row within the chunk: samples are taken at multiples of the interval.
    out.push(`    case ${k}u: { if (n % ${I} == 0) { slot = ${r.base} + (n / ${I} - (ctrl.firstStep + ${I - 1}) / ${I}) * ${width} + i32(col); } }`);
  });
  out.push('    default: {}');
  out.push('  }');
  out.push('  if (slot >= 0) {');
  out.push('    var v = 0.0f;');
  out.push('    switch what {');
  layout.recorded.forEach((r, k) => {
    const body = r.kind === 'state' ? [`v = x${r.index};`] : r.kind === 'param' ? [`v = p${r.index};`] : r.kind === 'input' ? [`v = u${r.index};`] : definition(r.index);
    out.push(`      case ${k}u: { ${body.join(' ')} }`);
  });
  out.push('      default: {}');
  out.push('    }');
  out.push('    REC[slot] = v;');
  out.push('  }');
  out.push('}');
  return out;
}
