import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';

/** Where resumable uploads keep their checkpoints: CAIRN_STATE_DIR, else $XDG_STATE_HOME/cairn, else ~/.local/state/cairn. */
export function stateDir(env: Readonly<Record<string, string | undefined>>): string {
  if (env.CAIRN_STATE_DIR !== undefined && env.CAIRN_STATE_DIR !== '') return env.CAIRN_STATE_DIR;
  const base = env.XDG_STATE_HOME ?? path.join(env.HOME ?? homedir(), '.local', 'state');
  return path.join(base, 'cairn');
}

/** A stable file name for what identifies one transfer. */
export function checkpointName(...parts: readonly (string | number)[]): string {
  return `${createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32)}.json`;
}

export async function readCheckpoint<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || e instanceof SyntaxError) return undefined;
    throw e;
  }
}

/** Writes checkpoints one at a time, each whole (temp file + rename), so a kill never leaves half a file. */
export class CheckpointWriter<T> {
  private chain: Promise<void> = Promise.resolve();
  constructor(readonly file: string) {}

  save(value: T): Promise<void> {
    const text = JSON.stringify(value);
    this.chain = this.chain.then(async () => {
      await mkdir(path.dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      await writeFile(tmp, text);
      await rename(tmp, this.file);
    });
    return this.chain;
  }

  async remove(): Promise<void> {
    await this.chain.catch(() => undefined);
    await rm(this.file, { force: true });
  }
}
