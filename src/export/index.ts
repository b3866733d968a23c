/**
 * Export of a project to other tools. Pure TypeScript (no DOM, no engine): the app and the CLI call
 * it alike.
 */
export { exportBrian2Script, brian2ScriptName, type Brian2Export, type Brian2ExportOptions } from './script';
export { ExportError } from './errors';
