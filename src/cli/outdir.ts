/**
 * An output directory that is written all at once: files go into a temporary directory next to
 * the target and are moved into place only by commit(); abort() leaves nothing behind.
 */
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, renameSync, rmSync, rmdirSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from './io';

export class OutputDir {
  readonly path: string;
  private readonly temp: string;
  /** The first parent directory we created (removed again on abort). */
  private readonly createdParent: string | undefined;
  private readonly open = new Map<string, number>();

  constructor(cwd: string, out: string) {
    this.path = resolve(cwd, out);
    if (existsSync(this.path) && !statSync(this.path).isDirectory()) throw new InputError(`--out ${out}: exists and is not a directory`);
    const parent = dirname(this.path);
    try {
      this.createdParent = mkdirSync(parent, { recursive: true });
      this.temp = mkdtempSync(join(parent, `.${basename(this.path)}.partial-`));
    } catch (e) {
      throw new InputError(`--out ${out}: cannot create the output directory (${(e as Error).message})`);
    }
  }

  /** Appends text to a file in the output (opened on first use). */
  append(name: string, text: string): void {
    let fd = this.open.get(name);
    if (fd === undefined) {
      fd = openSync(join(this.temp, name), 'w');
      this.open.set(name, fd);
    }
    if (text) writeSync(fd, text);
  }

  private closeAll(): void {
    for (const fd of this.open.values()) closeSync(fd);
    this.open.clear();
  }

  /** Moves every file into place: the whole directory if it is new, else file by file (replacing old ones). */
  commit(): void {
    this.closeAll();
    if (!existsSync(this.path)) {
      renameSync(this.temp, this.path);
      return;
    }
    for (const name of readdirSync(this.temp)) renameSync(join(this.temp, name), join(this.path, name));
    rmdirSync(this.temp);
  }

  abort(): void {
    try {
      this.closeAll();
    } finally {
      rmSync(this.temp, { recursive: true, force: true });
      if (this.createdParent) rmSync(this.createdParent, { recursive: true, force: true });
    }
  }
}
