/**
 * The model registry: model sources by name, compiled on first use. Like tfjs-core's registries it
 * refuses duplicates, so a user model can never silently replace a built-in one.
 */
import { compileModel, type CompileResult } from '../model/compile';
import type { ModelIR } from '../model/ir';
import type { LibraryOrigin } from './types';

export interface RegisteredModel {
  readonly name: string;
  readonly origin: LibraryOrigin | 'project';
  readonly source: string;
}

export class DuplicateModelError extends Error {}

/** The model name declared in a source's header, without compiling it. */
export function declaredModelName(source: string): string | undefined {
  return /^\s*model\s+([A-Za-z_][A-Za-z0-9_]*)/m.exec(source)?.[1];
}

export class ModelRegistry {
  private readonly entries = new Map<string, RegisteredModel>();
  private readonly compiled = new Map<string, CompileResult>();

  constructor(private readonly parent?: ModelRegistry) {}

  register(source: string, origin: RegisteredModel['origin'], name = declaredModelName(source)): RegisteredModel {
    if (!name) throw new Error("a model source must start with 'model NAME : KIND'");
    if (this.has(name)) throw new DuplicateModelError(`a model named '${name}' already exists`);
    const entry = { name, origin, source };
    this.entries.set(name, entry);
    return entry;
  }

  has(name: string): boolean {
    return this.entries.has(name) || (this.parent?.has(name) ?? false);
  }

  entry(name: string): RegisteredModel | undefined {
    return this.entries.get(name) ?? this.parent?.entry(name);
  }

  names(): string[] {
    return [...(this.parent?.names() ?? []), ...this.entries.keys()];
  }

  /** Compiles (once) and returns the result, with diagnostics. Undefined for unknown names. */
  compile(name: string): CompileResult | undefined {
    if (!this.entries.has(name)) return this.parent?.compile(name);
    let result = this.compiled.get(name);
    if (!result) {
      result = compileModel(this.entries.get(name)!.source);
      this.compiled.set(name, result);
    }
    return result;
  }

  ir(name: string): ModelIR | undefined {
    return this.compile(name)?.ir;
  }
}
