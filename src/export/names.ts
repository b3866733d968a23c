/**
 * Brian2 names for one group's symbols: `Na.m` → `Na_m`, `in:j` → `j_ext`. Names Brian2 reserves
 * (units such as `cm` or `mV`, functions, `t`, `N`, `xi_*`, keywords) and clashes get a suffix, so
 * every symbol has exactly one valid, unique name.
 */
import { isReservedInBrian2 } from './brian2Units';

export class NameTable {
  private readonly used = new Set<string>();
  private readonly bySymbol = new Map<string, string>();

  constructor(taken: Iterable<string> = []) {
    for (const name of taken) this.used.add(name);
  }

  /** The name of `symbol`, allocating one from `preferred` (default: the symbol with dots as `_`). */
  add(symbol: string, preferred = symbol): string {
    const existing = this.bySymbol.get(symbol);
    if (existing) return existing;
    let stem = preferred.replace(/[^A-Za-z0-9_]/g, '_');
    if (!/^[A-Za-z]/.test(stem)) stem = `x${stem}`;
    let name = stem;
    if (isReservedInBrian2(name) || this.used.has(name)) {
      name = `${stem}_`;
      for (let k = 2; isReservedInBrian2(name) || this.used.has(name); k++) name = `${stem}_${k}`;
    }
    this.used.add(name);
    this.bySymbol.set(symbol, name);
    return name;
  }

  get(symbol: string): string | undefined {
    return this.bySymbol.get(symbol);
  }

  /** The name of a symbol that must exist (an internal error otherwise). */
  of(symbol: string): string {
    const name = this.bySymbol.get(symbol);
    if (name === undefined) throw new Error(`internal: no Brian2 name for '${symbol}'`);
    return name;
  }
}
