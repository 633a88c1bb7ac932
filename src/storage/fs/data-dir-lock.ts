import { readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** One server per data directory: a lock file holding the owner's pid, taken over when that pid is gone. */
export class DataDirLock {
  private constructor(private readonly file: string) {}

  static async acquire(dataDir: string): Promise<DataDirLock> {
    const file = path.join(dataDir, 'cairn.lock');
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await writeFile(file, `${process.pid}\n`, { flag: 'wx' });
        return new DataDirLock(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
        if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
          throw new Error(`${dataDir} is in use by another Cairn server (pid ${pid})`);
        }
        await unlink(file).catch(() => undefined);
      }
    }
    throw new Error(`could not lock ${dataDir}`);
  }

  async release(): Promise<void> {
    await unlink(this.file).catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
