/**
 * Physical units as data. A dimension is a vector of exponents over the SI base units we need;
 * a unit is a dimension plus a scale relative to the engine's canonical unit for that dimension.
 *
 * The engine stores every quantity in one consistent set (mV, ms, nA, MΩ, µS, nF, µm), so generated
 * code never converts at run time: a value written as `0.12 S/cm2` is scaled once, at compile time.
 */

/** Exponents of [metre, kilogram, second, ampere, kelvin, mole]. */
export type Dimension = readonly [number, number, number, number, number, number];

export const DIMENSIONLESS: Dimension = [0, 0, 0, 0, 0, 0];

/**
 * The canonical magnitude of one base unit, in SI: µm, µg·10⁻³ (so that mV = 1), ms, nA, K, mol.
 * Derived: V → mV, Ω → MΩ, S → µS, F → nF, Hz → kHz (= 1/ms).
 */
const CANONICAL_BASE_SI = [1e-6, 1e-9, 1e-3, 1e-9, 1, 1] as const;

export interface Unit {
  /** The unit as written for people, e.g. `mV`, `S/cm2`, `1/ms`, `1`. */
  readonly text: string;
  readonly dim: Dimension;
  /** Multiply a value in this unit by `scale` to get the canonical internal value. */
  readonly scale: number;
}

export function dimEquals(a: Dimension, b: Dimension): boolean {
  for (let i = 0; i < 6; i++) if (Math.abs(a[i] - b[i]) > 1e-9) return false;
  return true;
}

export function isDimensionless(d: Dimension): boolean {
  return dimEquals(d, DIMENSIONLESS);
}

export function dimMul(a: Dimension, b: Dimension): Dimension {
  return a.map((x, i) => x + b[i]) as unknown as Dimension;
}

export function dimDiv(a: Dimension, b: Dimension): Dimension {
  return a.map((x, i) => x - b[i]) as unknown as Dimension;
}

export function dimPow(a: Dimension, p: number): Dimension {
  return a.map((x) => x * p) as unknown as Dimension;
}

/** SI scale of one canonical unit of this dimension (e.g. 1e-3 for volts, since canonical is mV). */
function canonicalSI(dim: Dimension): number {
  let s = 1;
  for (let i = 0; i < 6; i++) if (dim[i] !== 0) s *= Math.pow(CANONICAL_BASE_SI[i], dim[i]);
  return s;
}

interface BaseUnit {
  dim: Dimension;
  /** SI magnitude of one of this unit. */
  si: number;
  prefixes: string;
}

const D = (m: number, kg: number, s: number, A: number, K = 0, mol = 0): Dimension => [m, kg, s, A, K, mol];

const VOLT = D(2, 1, -3, -1);
const AMPERE = D(0, 0, 0, 1);
const SIEMENS = D(-2, -1, 3, 2);
const OHM = D(2, 1, -3, -2);
const FARAD = D(-2, -1, 4, 2);
const SECOND = D(0, 0, 1, 0);
const HERTZ = D(0, 0, -1, 0);
const METRE = D(1, 0, 0, 0);
const MOLAR = D(-3, 0, 0, 0, 0, 1);

const BASE_UNITS: Record<string, BaseUnit> = {
  V: { dim: VOLT, si: 1, prefixes: 'pnuµmk' },
  A: { dim: AMPERE, si: 1, prefixes: 'pnuµm' },
  S: { dim: SIEMENS, si: 1, prefixes: 'pnuµm' },
  ohm: { dim: OHM, si: 1, prefixes: 'kMG' },
  F: { dim: FARAD, si: 1, prefixes: 'pnuµm' },
  s: { dim: SECOND, si: 1, prefixes: 'nuµm' },
  Hz: { dim: HERTZ, si: 1, prefixes: 'kM' },
  // Plain `m` (metre) is deliberately absent: it would collide with gating variables named m.
  um: { dim: METRE, si: 1e-6, prefixes: '' },
  µm: { dim: METRE, si: 1e-6, prefixes: '' },
  mm: { dim: METRE, si: 1e-3, prefixes: '' },
  cm: { dim: METRE, si: 1e-2, prefixes: '' },
  mol: { dim: D(0, 0, 0, 0, 0, 1), si: 1, prefixes: 'munµ' },
  // Molar (mol/L = 1000 mol/m³); the unprefixed `M` is left out because of `Mohm`-style confusion.
  mM: { dim: MOLAR, si: 1, prefixes: '' },
  uM: { dim: MOLAR, si: 1e-3, prefixes: '' },
  K: { dim: D(0, 0, 0, 0, 1, 0), si: 1, prefixes: '' },
};

const PREFIX_SI: Record<string, number> = { p: 1e-12, n: 1e-9, u: 1e-6, µ: 1e-6, m: 1e-3, c: 1e-2, k: 1e3, M: 1e6, G: 1e9 };

/** Looks up a single unit atom such as `mV`, `Mohm`, `cm2`. Returns undefined if it is not a unit. */
export function lookupUnitAtom(name: string): Unit | undefined {
  // Area/volume shorthand: cm2, um2, mm3.
  const power = /^(.*?)([23])$/.exec(name);
  if (power) {
    const base = lookupUnitAtom(power[1]);
    if (!base || !dimEquals(base.dim, METRE)) return undefined;
    const p = Number(power[2]);
    return makeUnit(name, dimPow(base.dim, p), Math.pow(base.scale, p));
  }
  // Own properties only: `constructor`, `__proto__`, `toString` are names, not units.
  const direct = Object.hasOwn(BASE_UNITS, name) ? BASE_UNITS[name] : undefined;
  if (direct) return makeUnit(name, direct.dim, direct.si / canonicalSI(direct.dim));
  for (const [baseName, base] of Object.entries(BASE_UNITS)) {
    if (name.length === baseName.length + 1 && name.endsWith(baseName)) {
      const prefix = name[0];
      if (base.prefixes.includes(prefix) && Object.hasOwn(PREFIX_SI, prefix)) {
        return makeUnit(name, base.dim, (PREFIX_SI[prefix] * base.si) / canonicalSI(base.dim));
      }
    }
  }
  return undefined;
}

function makeUnit(text: string, dim: Dimension, scale: number): Unit {
  return { text, dim, scale };
}

export const UNITLESS: Unit = { text: '1', dim: DIMENSIONLESS, scale: 1 };

export function unitMul(a: Unit, b: Unit): Unit {
  if (a.text === '1') return b;
  if (b.text === '1') return a;
  return { text: `${a.text}*${b.text}`, dim: dimMul(a.dim, b.dim), scale: a.scale * b.scale };
}

export function unitDiv(a: Unit, b: Unit): Unit {
  const bText = b.text.includes('*') || b.text.includes('/') ? `(${b.text})` : b.text;
  return { text: `${a.text}/${bText}`, dim: dimDiv(a.dim, b.dim), scale: a.scale / b.scale };
}

export function unitPow(a: Unit, p: number): Unit {
  if (p === 1) return a;
  const base = /^[A-Za-zµ]+$/.test(a.text) ? a.text : `(${a.text})`;
  return { text: `${base}^${p}`, dim: dimPow(a.dim, p), scale: Math.pow(a.scale, p) };
}

/** The canonical internal unit of a dimension, for display: `mV`, `nA`, `uS`, … or a base-unit product. */
export function canonicalUnit(dim: Dimension): Unit {
  for (const [text, d] of CANONICAL_NAMES) if (dimEquals(d, dim)) return { text, dim, scale: 1 };
  const names = ['um', 'ug', 'ms', 'nA', 'K', 'mol'];
  const parts: string[] = [];
  dim.forEach((e, i) => {
    if (e !== 0) parts.push(e === 1 ? names[i] : `${names[i]}^${e}`);
  });
  return { text: parts.join('*'), dim, scale: 1 };
}

const CANONICAL_NAMES: [string, Dimension][] = [
  ['1', DIMENSIONLESS],
  ['mV', VOLT],
  ['nA', AMPERE],
  ['uS', SIEMENS],
  ['Mohm', OHM],
  ['nF', FARAD],
  ['ms', SECOND],
  ['kHz', HERTZ],
  ['um', METRE],
  ['mV/ms', dimDiv(VOLT, SECOND)],
  ['nA/um2', dimDiv(AMPERE, dimPow(METRE, 2))],
  ['uS/um2', dimDiv(SIEMENS, dimPow(METRE, 2))],
  ['nF/um2', dimDiv(FARAD, dimPow(METRE, 2))],
];

/** Human-readable dimension for error messages, e.g. `mV` or `nA/um2`. */
export function describeDim(dim: Dimension): string {
  return canonicalUnit(dim).text;
}

/**
 * Parses a unit expression written by a person outside the model language, e.g. in a project file
 * (`"S/cm2"`, `"mV/ms"`, `"1/ms"`, `"nA"`). Returns undefined if any atom is unknown.
 */
export function parseUnitText(text: string): Unit | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === '1') return UNITLESS;
  const tokens = trimmed.match(/[A-Za-zµ]+[0-9]*(\^-?[0-9]+)?|[*/]|1/g);
  if (!tokens || tokens.join('') !== trimmed.replace(/\s+/g, '')) return undefined;
  let unit: Unit = UNITLESS;
  let op: '*' | '/' = '*';
  for (const tok of tokens) {
    if (tok === '*' || tok === '/') {
      op = tok;
      continue;
    }
    let atom: Unit | undefined;
    if (tok === '1') atom = UNITLESS;
    else {
      const [name, exp] = tok.split('^');
      const base = lookupUnitAtom(name);
      if (!base) return undefined;
      atom = exp ? unitPow(base, Number(exp)) : base;
    }
    unit = op === '*' ? unitMul(unit, atom) : unitDiv(unit, atom);
    op = '*';
  }
  return { ...unit, text: trimmed };
}

/**
 * Parses a quantity string such as `"-65 mV"`, `"0.12 S/cm2"` or `"3"`.
 * Returns the number in the given unit's terms and the unit itself.
 */
export function parseQuantityText(text: string): { value: number; unit: Unit } | undefined {
  const m = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*)$/.exec(text);
  if (!m) return undefined;
  const unit = parseUnitText(m[2]);
  if (!unit) return undefined;
  return { value: Number(m[1]), unit };
}
