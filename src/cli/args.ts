/** Command-line parsing on top of node:util parseArgs, with messages that say what to do. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: string[];
}

/** Parses a command's arguments; unknown options and missing values become InputErrors. */
export function parseCommandArgs(command: string, args: readonly string[], options: Options): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new InputError(`spikeflow ${command}: ${tidy(message)}`, [`run 'spikeflow help ${command}' for usage`]);
  }
}

/**
 * parseArgs' messages carry advice for scripts ("To specify a positional argument ..."); keep the
 * first sentence, and for an option value that starts with '-' the hint on how to write it.
 */
function tidy(message: string): string {
  const sentences = message.split(/(?<=[.?])\s+(?=[A-Z])/).map((s) => s.replace(/\.$/, ''));
  const first = sentences[0];
  if (/ambiguous/.test(first)) {
    const hint = sentences.find((s) => /^To specify an option argument/.test(s));
    if (hint) return `${first}; ${hint.charAt(0).toLowerCase()}${hint.slice(1)}`;
  }
  return first;
}

/** Exactly `count` positional arguments, named in the message when missing or extra. */
export function expectPositionals(command: string, positionals: readonly string[], names: readonly string[]): string[] {
  if (positionals.length < names.length) {
    throw new InputError(`spikeflow ${command}: missing ${names.slice(positionals.length).map((n) => `<${n}>`).join(' ')}`, [
      `run 'spikeflow help ${command}' for usage`,
    ]);
  }
  if (positionals.length > names.length) {
    throw new InputError(`spikeflow ${command}: unexpected argument '${positionals[names.length]}'`, [`run 'spikeflow help ${command}' for usage`]);
  }
  return [...positionals];
}

/** A positive, finite number of milliseconds given as an option value. */
export function positiveMs(option: string, text: string | boolean | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = typeof text === 'string' && text.trim() !== '' ? Number(text) : NaN;
  if (!Number.isFinite(value) || value <= 0) throw new InputError(`--${option}: expected a number of milliseconds > 0, got '${String(text)}'`);
  return value;
}

/** One of a fixed set of words. */
export function oneOf<T extends string>(option: string, text: string | boolean | undefined, allowed: readonly T[]): T | undefined {
  if (text === undefined) return undefined;
  if (typeof text === 'string' && (allowed as readonly string[]).includes(text)) return text as T;
  throw new InputError(`--${option}: expected one of ${allowed.join(', ')}, got '${String(text)}'`);
}
