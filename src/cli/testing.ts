/** Helpers for the CLI tests: an in-memory CliIo and temporary directories. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from './main';
import type { CliIo } from './io';

export interface Captured {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `spikeflow ...args` in-process with cwd `cwd`, capturing its output. */
export async function cli(args: readonly string[], cwd: string): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, cwd };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

const made: string[] = [];

export function tempDir(prefix = 'spikeflow-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The repository root (examples/, bin/). */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
