/**
 * The model worker's brain, a plain function tests call in Node: compiles one model source and
 * returns every diagnostic with its range, plus what the editor needs to know about the model.
 *
 * A source stands for itself in the language (a model never names another), so the only thing the
 * rest of the project decides is whether its name is free: not a built-in model's (the library
 * cannot be replaced) and not another project model's. Both are checked against the library plus
 * the project's other models, the registry the simulation worker builds the project with.
 */
import { builtinRegistry } from '../library';
import { describeModel } from '../library/catalog';
import { compileModel } from '../model/compile';
import type { Diagnostic } from '../model/diagnostics';
import type { ModelCheckResult, ModelDiagnostic, ModelWorkerRequest, ModelWorkerResponse } from './modelProtocol';
import { builtinName, projectName } from './projectModels';

export function checkModelSource(source: string, projectModels: Readonly<Record<string, string>>): ModelCheckResult {
  const compiled = compileModel(source);
  const diagnostics: ModelDiagnostic[] = compiled.diagnostics.map(toModelDiagnostic);
  const header = headerName(source);
  if (header) {
    const problem = nameProblem(header.name, projectModels);
    if (problem) {
      diagnostics.push({ line: header.line, col: header.col, endLine: header.line, endCol: header.col + header.name.length, severity: 'error', message: problem, code: 'name' });
    }
  }
  diagnostics.sort((a, b) => a.line - b.line || a.col - b.col);
  return {
    diagnostics,
    info: compiled.ir ? describeModel(compiled.ir, 'project') : undefined,
    name: compiled.ir?.name ?? header?.name,
  };
}

/** Whether `name` is taken: by a built-in model, or by another of the project's models. */
function nameProblem(name: string, projectModels: Readonly<Record<string, string>>): string | undefined {
  if (builtinRegistry().has(name)) return builtinName(name);
  if (Object.hasOwn(projectModels, name)) return projectName(name);
  return undefined;
}

function toModelDiagnostic(d: Diagnostic): ModelDiagnostic {
  return { line: d.line, col: d.col, endLine: d.line, endCol: d.col + d.length, severity: d.severity, message: d.message, code: d.code };
}

/** The name in the `model NAME` header and where it is (the first such line, as the registry reads it). */
function headerName(source: string): { name: string; line: number; col: number } | undefined {
  const lines = source.split(/\r?\n/);
  for (let k = 0; k < lines.length; k++) {
    const m = /^(\s*model\s+)([A-Za-z_][A-Za-z0-9_]*)/.exec(lines[k]);
    if (m) return { name: m[2], line: k + 1, col: m[1].length + 1 };
  }
  return undefined;
}

/** Answers one request of the model worker's protocol; never throws. */
export function answerModelRequest(request: ModelWorkerRequest): ModelWorkerResponse {
  const id = typeof request?.id === 'number' ? request.id : -1;
  if (request?.type !== 'check' || typeof request.source !== 'string' || typeof request.projectModels !== 'object' || request.projectModels === null) {
    return { type: 'failed', id, message: 'not a model check request' };
  }
  try {
    return { type: 'checked', id, result: checkModelSource(request.source, request.projectModels) };
  } catch (e) {
    return { type: 'failed', id, message: `internal error in the model checker: ${e instanceof Error ? e.message : String(e)}` };
  }
}
