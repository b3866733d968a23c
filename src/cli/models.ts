/** `spikeflow models [--json]`: the built-in model library. */
import { builtinRegistry } from '../library';
import type { ModelIR } from '../model/ir';
import { parseCommandArgs, expectPositionals } from './args';
import { EXIT_OK, println, type CliIo } from './io';

export interface ModelParameterInfo {
  readonly name: string;
  /** The default in the parameter's declared unit. */
  readonly default: number;
  readonly unit: string;
  readonly description: string;
}

export interface ModelInfo {
  readonly name: string;
  readonly kind: string;
  readonly origin: string;
  /** First line of the model's documentation. */
  readonly description: string;
  readonly parameters: ModelParameterInfo[];
  readonly inputs: { readonly name: string; readonly unit: string; readonly description: string }[];
  readonly states: { readonly name: string; readonly unit: string; readonly description: string }[];
  /** Only for a library model that does not compile (a bug): its first error. */
  readonly error?: string;
}

export function describeLibrary(): ModelInfo[] {
  const registry = builtinRegistry();
  return registry.names().map((name) => {
    const origin = registry.entry(name)?.origin ?? 'unknown';
    const result = registry.compile(name);
    if (!result?.ir) {
      const first = result?.diagnostics.find((d) => d.severity === 'error');
      return { name, kind: 'unknown', origin, description: '', parameters: [], inputs: [], states: [], error: first ? `${first.line}:${first.col}: ${first.message}` : 'does not compile' };
    }
    return describeModel(result.ir, origin);
  });
}

function describeModel(ir: ModelIR, origin: string): ModelInfo {
  return {
    name: ir.name,
    kind: ir.kind,
    origin,
    description: ir.doc.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '',
    parameters: ir.params.map((p) => ({ name: p.name, default: Number((p.defaultValue / p.unit.scale).toPrecision(12)), unit: p.unit.text, description: p.description })),
    inputs: ir.inputs.map((i) => ({ name: i.name, unit: i.unit.text, description: i.description })),
    states: ir.states.map((s) => ({ name: s.name, unit: s.unit.text, description: s.description })),
  };
}

const KIND_TITLES: Record<string, string> = { cell: 'Cells', channel: 'Channels', synapse: 'Synapses' };

/** Aligned columns (the last one is not padded). */
function table(rows: string[][], indent: string): string[] {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => r[c].length))) ?? [];
  return rows.map((r) => indent + r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ').trimEnd());
}

const unitText = (unit: string): string => (unit === '1' ? '' : unit);
const withUnit = (name: string, unit: string): string => (unit === '1' ? name : `${name} [${unit}]`);

export function formatLibrary(models: readonly ModelInfo[]): string {
  const lines: string[] = [];
  const kinds = [...new Set(models.map((m) => m.kind))].sort((a, b) => Object.keys(KIND_TITLES).indexOf(a) - Object.keys(KIND_TITLES).indexOf(b));
  for (const kind of kinds) {
    const group = models.filter((m) => m.kind === kind);
    lines.push(`${KIND_TITLES[kind] ?? kind} (${group.length})`, '');
    for (const m of group) {
      lines.push(`  ${m.name}  (${m.origin})${m.description ? `  ${m.description}` : ''}`);
      if (m.error) lines.push(`    does not compile: ${m.error}`);
      if (m.inputs.length) lines.push(`    inputs:  ${m.inputs.map((i) => withUnit(i.name, i.unit)).join(', ')}`);
      if (m.states.length) lines.push(`    states:  ${m.states.map((s) => withUnit(s.name, s.unit)).join(', ')}`);
      if (m.parameters.length) {
        lines.push('    parameters:');
        lines.push(...table(m.parameters.map((p) => [p.name, String(p.default), unitText(p.unit), p.description]), '      '));
      }
      lines.push('');
    }
  }
  return lines.join('\n').trimEnd();
}

export async function modelsCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('models', args, { json: { type: 'boolean' } });
  expectPositionals('models', positionals, []);
  const models = describeLibrary();
  println(io.stdout, values.json ? JSON.stringify(models, null, 2) : formatLibrary(models));
  return EXIT_OK;
}
