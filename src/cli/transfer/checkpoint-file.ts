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

/**
 * Writes checkpoints whole (temp file + rename, so a kill never leaves half a file), one write at a time
 * and coalesced: a save while a write is under way only marks the newer state, written next. Transfers
 * do not wait for it: a checkpoint that lags behind only means a resume re-checks a few more parts.
 */
export class CheckpointWriter<T> {
  private latest: string | undefined;
  private running: Promise<void> | undefined;
  private failure: Error | undefined;
  private madeDir = false;
  constructor(readonly file: string) {}

  save(value: T): void {
    this.latest = JSON.stringify(value);
    this.running ??= this.drain().finally(() => (this.running = undefined));
  }

  private async drain(): Promise<void> {
    while (this.latest !== undefined) {
      const text = this.latest;
      this.latest = undefined;
      try {
        if (!this.madeDir) await mkdir(path.dirname(this.file), { recursive: true });
        this.madeDir = true;
        const tmp = `${this.file}.${process.pid}.tmp`;
        await writeFile(tmp, text);
        await rename(tmp, this.file);
      } catch (e) {
        this.failure ??= e instanceof Error ? e : new Error(`writing ${this.file} failed`);
      }
    }
  }

  /** Waits until the last state saved is on disk; throws if a write failed. */
  async flush(): Promise<void> {
    while (this.running !== undefined) await this.running;
    if (this.failure !== undefined) throw this.failure;
  }

  async remove(): Promise<void> {
    this.latest = undefined;
    while (this.running !== undefined) await this.running.catch(() => undefined);
    await rm(this.file, { force: true });
  }
}
