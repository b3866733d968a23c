/**
 * Renders docs/library.md from the registry, so the reference of built-in models is generated from
 * their sources and cannot drift (a test compares the committed file with this output).
 */
import { builtinRegistry } from '.';
import type { ModelIR } from '../model/ir';

const display = (canonical: number, scale: number): string => String(Number((canonical / scale).toPrecision(12)));

function renderModel(ir: ModelIR, origin: string): string {
  const lines = [`## ${ir.name}`, '', `*${ir.kind}, from ${origin}*`, '', '```text', ir.doc, '```', ''];
  if (ir.params.length > 0) {
    lines.push('| parameter | default | unit | description |', '|---|---|---|---|');
    for (const p of ir.params) lines.push(`| \`${p.name}\` | ${display(p.defaultValue, p.unit.scale)} | ${p.unit.text} | ${p.description} |`);
    lines.push('');
  }
  const inputs = ir.inputs.map((i) => `\`${i.name}\` (${i.unit.text})`).join(', ');
  const states = ir.states.map((s) => `\`${s.name}\` (${s.unit.text}${s.init === 'steady' ? ', steady' : ''})`).join(', ');
  if (inputs) lines.push(`Inputs: ${inputs}.`, '');
  if (states) lines.push(`States: ${states}.`, '');
  lines.push('<details><summary>Source</summary>', '', '```', ir.source.trim(), '```', '', '</details>', '');
  return lines.join('\n');
}

export function renderLibraryDoc(): string {
  const registry = builtinRegistry();
  const parts = [
    '# The built-in model library',
    '',
    'Generated from the model sources in `src/library` by `npx tsx scripts/gen-library-doc.ts`; do not edit by hand.',
    'Each model is written in the [model language](model-language.md) and tested against Brian2 (`src/library/fixtures`).',
    '',
  ];
  for (const kind of ['cell', 'channel', 'synapse'] as const) {
    const names = registry.names().filter((n) => registry.ir(n)?.kind === kind);
    if (names.length === 0) continue;
    parts.push(`# ${kind === 'cell' ? 'Cells' : kind === 'channel' ? 'Channels' : 'Synapses'}`, '');
    for (const name of names) parts.push(renderModel(registry.ir(name)!, registry.entry(name)!.origin));
  }
  return parts.join('\n').replace(/\n{3,}/g, '\n\n');
}
