/**
 * Units in Brian2 terms. Spikeflow keeps every number in canonical units (mV, ms, nA, MΩ, µS, nF,
 * µm); Brian2 keeps SI values with dimensions. Three jobs:
 * - the unit of a variable declaration (`: volt`, `: amp/metre**2`): Brian2 wants base units there;
 * - a number written in an expression (`13*mV`, `0.32/ms`): printed in the canonical unit of its
 *   dimension, so the value is the very number the engine computes with;
 * - a parameter value in its declared unit (`0.05*siemens/cm**2`), so the script reads like the model.
 */
import { DIMENSIONLESS, dimEquals, isDimensionless, lookupUnitAtom, type Dimension, type Unit } from '../model/units';
import { isPythonKeyword, pyNumber, pyNumberTidy } from './pyFormat';

const D = (m: number, kg: number, s: number, A: number, K = 0, mol = 0): Dimension => [m, kg, s, A, K, mol];

export const VOLT = D(2, 1, -3, -1);
export const AMPERE = D(0, 0, 0, 1);
export const SIEMENS = D(-2, -1, 3, 2);
export const OHM = D(2, 1, -3, -2);
export const FARAD = D(-2, -1, 4, 2);
export const SECOND = D(0, 0, 1, 0);
export const METRE = D(1, 0, 0, 0);

interface Atom {
  readonly name: string;
  readonly dim: Dimension;
}

/** Canonical units as Brian2 names (one canonical unit = one of these), preferred first. */
const CANONICAL_ATOMS: readonly Atom[] = [
  { name: 'mV', dim: VOLT },
  { name: 'nA', dim: AMPERE },
  { name: 'uS', dim: SIEMENS },
  { name: 'Mohm', dim: OHM },
  { name: 'nF', dim: FARAD },
  { name: 'ms', dim: SECOND },
  { name: 'um', dim: METRE },
  { name: 'mole', dim: D(0, 0, 0, 0, 0, 1) },
  { name: 'kelvin', dim: D(0, 0, 0, 0, 1, 0) },
  { name: 'ugram', dim: D(0, 1, 0, 0) },
];

/** The same dimensions in SI base units, for declarations. */
const SI_ATOMS: readonly Atom[] = [
  { name: 'volt', dim: VOLT },
  { name: 'amp', dim: AMPERE },
  { name: 'siemens', dim: SIEMENS },
  { name: 'ohm', dim: OHM },
  { name: 'farad', dim: FARAD },
  { name: 'second', dim: SECOND },
  { name: 'metre', dim: METRE },
  { name: 'mole', dim: D(0, 0, 0, 0, 0, 1) },
  { name: 'kelvin', dim: D(0, 0, 0, 0, 1, 0) },
  { name: 'kilogram', dim: D(0, 1, 0, 0) },
];

/** The generic fallback: the six base dimensions, in the order of Dimension. */
const BASE_INDEX: Record<string, number> = { um: 0, ugram: 1, ms: 2, nA: 3, kelvin: 4, mole: 5, metre: 0, kilogram: 1, second: 2, amp: 3 };

interface Factor {
  readonly name: string;
  readonly power: number;
}

const POWERS = [1, -1, 2, -2, 3, -3];

const dimOf = (factors: readonly Factor[], atoms: readonly Atom[]): Dimension => {
  const out = [0, 0, 0, 0, 0, 0];
  for (const f of factors) {
    const atom = atoms.find((a) => a.name === f.name)!;
    atom.dim.forEach((x, i) => (out[i] += x * f.power));
  }
  return out as unknown as Dimension;
};

/** A dimension as a product of at most two named units (mV/ms, nA/um**2, 1/mV), else of base units. */
function factorize(dim: Dimension, atoms: readonly Atom[], base: readonly string[]): Factor[] {
  if (isDimensionless(dim)) return [];
  // One named unit, to the first power before any other (ohm, not 1/siemens).
  for (const p of POWERS) for (const a of atoms) if (dimEquals(dimOf([{ name: a.name, power: p }], atoms), dim)) return [{ name: a.name, power: p }];
  for (const a of atoms) {
    for (const b of atoms) {
      if (a === b) continue;
      for (const p of [1, 2, -1]) {
        for (const q of POWERS) {
          const factors = [{ name: a.name, power: p }, { name: b.name, power: q }];
          if (dimEquals(dimOf(factors, atoms), dim)) return factors;
        }
      }
    }
  }
  return base.map((name) => ({ name, power: dim[BASE_INDEX[name]] })).filter((f) => f.power !== 0);
}

const power = (f: Factor, p: number): string => (p === 1 ? f.name : `${f.name}**${Number.isInteger(p) ? p : `(${pyNumber(p)})`}`);

/** `mV/ms`, `1/ms`, `nA/um**2`, `1` — the factors as a Brian2 unit expression. */
function unitText(factors: readonly Factor[]): { num: string; den: string } {
  const num = factors.filter((f) => f.power > 0).map((f) => power(f, f.power));
  const den = factors.filter((f) => f.power < 0).map((f) => power(f, -f.power));
  return { num: num.join('*'), den: den.join('/') };
}

/** The unit for `: <unit>` in Brian2 equations (base units): `volt`, `amp/metre**2`, `1`. */
export function declarationUnit(dim: Dimension): string {
  const { num, den } = unitText(factorize(dim, SI_ATOMS, ['metre', 'kilogram', 'second', 'amp', 'kelvin', 'mole']));
  if (num === '' && den === '') return '1';
  return `${num || '1'}${den ? `/${den}` : ''}`;
}

/** One canonical unit of this dimension as a Brian2 expression (`mV`, `mV/ms`, `1/ms`, `1`). */
export function canonicalUnitExpr(dim: Dimension): string {
  const { num, den } = unitText(factorize(dim, CANONICAL_ATOMS, ['um', 'ugram', 'ms', 'nA', 'kelvin', 'mole']));
  if (num === '' && den === '') return '1';
  return `${num || '1'}${den ? `/${den}` : ''}`;
}

/** A canonical number with a dimension, as a Brian2 quantity: `13*mV`, `0.32/ms`, `2.5`. */
export function canonicalQuantity(value: number, dim: Dimension): string {
  const { num, den } = unitText(factorize(dim, CANONICAL_ATOMS, ['um', 'ugram', 'ms', 'nA', 'kelvin', 'mole']));
  const v = value === Infinity || value === -Infinity ? (value > 0 ? 'inf' : '-inf') : pyNumber(value);
  return `${v}${num ? `*${num}` : ''}${den ? `/${den}` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Declared units (as written in models and projects) in Brian2 spelling

const LONG_NAMES: Record<string, string> = { V: 'volt', A: 'amp', S: 'siemens', ohm: 'ohm', F: 'farad', s: 'second', Hz: 'hertz', mol: 'mole', K: 'kelvin' };
const SHORT_ALIASES: Record<string, string> = {
  mvolt: 'mV', namp: 'nA', pamp: 'pA', uamp: 'uA', mamp: 'mA', nsiemens: 'nS', usiemens: 'uS', nfarad: 'nF', pfarad: 'pF', ufarad: 'uF',
  msecond: 'ms', usecond: 'us', khertz: 'kHz', Mhertz: 'MHz', hertz: 'Hz',
};
const LENGTHS: Record<string, string> = { um: 'um', µm: 'um', mm: 'mm', cm: 'cm' };
const PREFIXES = new Set(['p', 'n', 'u', 'µ', 'm', 'c', 'k', 'M', 'G']);

/** One unit atom (`mV`, `Mohm`, `cm2`, `uS`) in Brian2 spelling, or undefined if we do not know it. */
function atomToBrian2(atom: string): string | undefined {
  const area = /^(.*?)([23])$/.exec(atom);
  if (area && LENGTHS[area[1]]) return `${LENGTHS[area[1]]}**${area[2]}`;
  if (LENGTHS[atom]) return LENGTHS[atom];
  if (atom === 'mM' || atom === 'uM') return atom;
  if (LONG_NAMES[atom]) return SHORT_ALIASES[LONG_NAMES[atom]] ?? LONG_NAMES[atom];
  const prefix = atom[0];
  const rest = atom.slice(1);
  if (PREFIXES.has(prefix) && LONG_NAMES[rest]) {
    const long = `${prefix === 'µ' ? 'u' : prefix}${LONG_NAMES[rest]}`;
    return SHORT_ALIASES[long] ?? long;
  }
  return undefined;
}

/**
 * A declared unit such as `S/cm2`, `uA/cm2`, `1/ms`, `mV^2` as a Brian2 expression
 * (`siemens/cm**2`, `uA/cm**2`, `1/ms`, `mV**2`), or undefined when some atom has no Brian2 name.
 */
export function declaredUnitExpr(unit: Unit): string | undefined {
  const text = unit.text.trim();
  if (text === '' || text === '1') return '1';
  const tokens = text.match(/[A-Za-zµ]+[0-9]*(\^-?[0-9]+)?|[*/]|1/g);
  if (!tokens || tokens.join('') !== text.replace(/\s+/g, '')) return undefined;
  let out = '';
  for (const tok of tokens) {
    if (tok === '*' || tok === '/') {
      out += tok;
      continue;
    }
    if (tok === '1') {
      out += '1';
      continue;
    }
    const [name, exp] = tok.split('^');
    if (!lookupUnitAtom(name)) return undefined;
    const b2 = atomToBrian2(name);
    if (!b2) return undefined;
    out += exp ? (b2.includes('**') ? `(${b2})**${exp}` : `${b2}**${exp}`) : b2;
  }
  return out;
}

/**
 * A canonical value of a variable declared in `unit`, written in that unit (`-65*mV`,
 * `0.05*siemens/cm**2`, `3`); in the canonical unit when the declared one has no Brian2 name.
 */
export function quantityInUnit(canonicalValue: number, unit: Unit): string {
  const expr = declaredUnitExpr(unit);
  if (expr === undefined) return canonicalQuantity(canonicalValue, unit.dim);
  const v = pyNumberTidy(canonicalValue / unit.scale);
  if (expr === '1') return v;
  // `1/ms` reads best as `0.32/ms`; longer forms keep Python's left-to-right reading (v*1/mV*ms).
  if (/^1\/[A-Za-z0-9_]+$/.test(expr)) return `${v}/${expr.slice(2)}`;
  return `${v}*${expr}`;
}

/** Brian2 expression of the unit values of a variable declared in `unit` are divided by for output (`mV`, `(siemens/cm**2)`). */
export function unitDivisor(unit: Unit): { expr: string; scale: number } {
  const expr = declaredUnitExpr(unit);
  if (expr === undefined) return { expr: wrap(canonicalUnitExpr(unit.dim)), scale: 1 };
  return { expr: wrap(expr), scale: unit.scale };
}

const wrap = (e: string): string => (/^[A-Za-z0-9_]+$/.test(e) ? e : `(${e})`);

export const DIMLESS = DIMENSIONLESS;

// ---------------------------------------------------------------------------------------------
// Names Brian2 reserves

const SPECIAL = new Set([
  't', 'dt', 't_in_timesteps', 'xi', 'i', 'N', 'lastspike', 'not_refractory', 'lastupdate', 'delay', 'N_incoming', 'N_outgoing',
  'N_pre', 'N_post', 'e', 'pi', 'inf', 'ifelse',
]);
const FUNCTIONS = new Set([
  'abs', 'arccos', 'arcsin', 'arctan', 'ceil', 'clip', 'cos', 'cosh', 'exp', 'expm1', 'exprel', 'floor', 'int', 'log', 'log10', 'log1p',
  'poisson', 'rand', 'randn', 'sign', 'sin', 'sinh', 'sqrt', 'tan', 'tanh', 'timestep',
]);
const UNIT_BASES = [
  'metre', 'meter', 'gram', 'gramme', 'second', 'amp', 'ampere', 'kelvin', 'mole', 'mol', 'candle', 'kilogram', 'kilogramme', 'radian',
  'steradian', 'hertz', 'newton', 'pascal', 'joule', 'watt', 'coulomb', 'volt', 'farad', 'ohm', 'siemens', 'weber', 'tesla', 'henry',
  'lumen', 'lux', 'becquerel', 'gray', 'sievert', 'katal', 'liter', 'litre', 'molar', 'celsius',
];
const UNIT_PREFIX_RE = '(?:y|z|a|f|p|n|u|m|c|d|da|h|k|M|G|T|P|E|Z|Y)?';
const UNIT_RE = new RegExp(`^${UNIT_PREFIX_RE}(?:${UNIT_BASES.join('|')})[23]?$`);
const SHORT_UNITS = new Set([
  'Hz', 'MHz', 'amp', 'cm', 'cm2', 'cm3', 'kHz', 'lux', 'mA', 'mM', 'mV', 'mm', 'mm2', 'mm3', 'mol', 'ms', 'nA', 'nF', 'nM', 'nS', 'ohm', 'pA',
  'pF', 'uA', 'uF', 'uM', 'uS', 'um', 'um2', 'um3', 'us',
]);

/** Whether Brian2 refuses `name` as a variable (special names, functions, constants, units, keywords). */
export function isReservedInBrian2(name: string): boolean {
  return (
    SPECIAL.has(name) ||
    FUNCTIONS.has(name) ||
    SHORT_UNITS.has(name) ||
    UNIT_RE.test(name) ||
    isPythonKeyword(name) ||
    name.startsWith('xi_') ||
    name.startsWith('_') ||
    /_(pre|post)$/.test(name)
  );
}
