/**
 * Every unit atom the model language accepts, with what it means, for completion, hover and the
 * highlighter. units.ts keeps its table private (the compiler only needs `lookupUnitAtom`), so the
 * list is mirrored here; unitsCatalog.test.ts checks it against `lookupUnitAtom` exhaustively, so
 * the two cannot drift apart silently.
 */

export interface UnitAtomDoc {
  /** The atom as written in a source, e.g. `mS`, `Mohm`, `cm2`. */
  readonly atom: string;
  /** Its name in words, e.g. `millisiemens`. */
  readonly name: string;
  /** What it measures, e.g. `conductance`. */
  readonly quantity: string;
}

interface BaseDoc {
  readonly atom: string;
  readonly name: string;
  readonly quantity: string;
  /** The SI prefixes units.ts accepts for this base (same strings as there). */
  readonly prefixes: string;
}

const BASES: readonly BaseDoc[] = [
  { atom: 'V', name: 'volt', quantity: 'voltage', prefixes: 'pnuµmk' },
  { atom: 'A', name: 'ampere', quantity: 'current', prefixes: 'pnuµm' },
  { atom: 'S', name: 'siemens', quantity: 'conductance', prefixes: 'pnuµm' },
  { atom: 'ohm', name: 'ohm', quantity: 'resistance', prefixes: 'kMG' },
  { atom: 'F', name: 'farad', quantity: 'capacitance', prefixes: 'pnuµm' },
  { atom: 's', name: 'second', quantity: 'time', prefixes: 'nuµm' },
  { atom: 'Hz', name: 'hertz', quantity: 'frequency', prefixes: 'kM' },
  { atom: 'um', name: 'micrometre', quantity: 'length', prefixes: '' },
  { atom: 'µm', name: 'micrometre', quantity: 'length', prefixes: '' },
  { atom: 'mm', name: 'millimetre', quantity: 'length', prefixes: '' },
  { atom: 'cm', name: 'centimetre', quantity: 'length', prefixes: '' },
  { atom: 'mol', name: 'mole', quantity: 'amount of substance', prefixes: 'munµ' },
  { atom: 'mM', name: 'millimolar', quantity: 'concentration', prefixes: '' },
  { atom: 'uM', name: 'micromolar', quantity: 'concentration', prefixes: '' },
  { atom: 'K', name: 'kelvin', quantity: 'temperature', prefixes: '' },
];

const LENGTHS = new Set(['um', 'µm', 'mm', 'cm']);

const PREFIX_NAMES: Readonly<Record<string, string>> = {
  p: 'pico',
  n: 'nano',
  u: 'micro',
  µ: 'micro',
  m: 'milli',
  c: 'centi',
  k: 'kilo',
  M: 'mega',
  G: 'giga',
};

function buildAtoms(): UnitAtomDoc[] {
  const out: UnitAtomDoc[] = [];
  for (const base of BASES) {
    out.push({ atom: base.atom, name: base.name, quantity: base.quantity });
    for (const p of base.prefixes) out.push({ atom: p + base.atom, name: PREFIX_NAMES[p] + base.name, quantity: base.quantity });
    if (LENGTHS.has(base.atom)) {
      out.push({ atom: `${base.atom}2`, name: `square ${base.name}`, quantity: 'area' });
      out.push({ atom: `${base.atom}3`, name: `cubic ${base.name}`, quantity: 'volume' });
    }
  }
  return out;
}

/** Every unit atom, in table order (base units first within each family). */
export const UNIT_ATOMS: readonly UnitAtomDoc[] = buildAtoms();

const BY_ATOM = new Map(UNIT_ATOMS.map((u) => [u.atom, u]));

export function unitAtomDoc(atom: string): UnitAtomDoc | undefined {
  return BY_ATOM.get(atom);
}

/** The atoms neuron models use most, offered first after a number (in this order). */
export const COMMON_UNITS: readonly string[] = [
  'ms', 'mV', 'nA', 'pA', 'nS', 'uS', 'mS', 'Mohm', 'pF', 'nF', 'uF', 'Hz', 'kHz', 'um', 'cm2', 'um2', 'mM', 's', 'uA',
];

/** Compound units that appear in published models, offered as whole completions. */
export const COMPOUND_UNITS: readonly { readonly text: string; readonly meaning: string }[] = [
  { text: 'S/cm2', meaning: 'conductance density' },
  { text: 'mS/cm2', meaning: 'conductance density' },
  { text: 'uA/cm2', meaning: 'current density' },
  { text: 'uF/cm2', meaning: 'specific membrane capacitance' },
  { text: 'mV/ms', meaning: 'rate of change of voltage' },
  { text: '1/ms', meaning: 'rate' },
  { text: 'ohm*cm', meaning: 'resistivity' },
];

/** "mS — millisiemens, conductance": one line of hover text for an atom. */
export function describeUnitAtom(atom: string): string | undefined {
  const doc = unitAtomDoc(atom);
  return doc ? `${doc.atom} — ${doc.name}, ${doc.quantity}` : undefined;
}
