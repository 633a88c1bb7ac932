import { unlink } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';

/** The lock file: a small SQLite database whose exclusive lock the running server holds. */
export const LOCK_FILE = 'cairn-lock.sqlite';
/** Where servers before the kernel lock kept their pid; removed once the lock is ours. */
const LEGACY_PID_FILE = 'cairn.lock';

/**
 * One server per data directory, enforced by a lock the kernel releases when the process dies.
 *
 * Node has no flock(), but SQLite takes POSIX advisory (fcntl) locks on its database files, and the kernel
 * drops those the moment the process's descriptors close: at exit, at SIGKILL, before the process is even
 * a zombie. So the server opens `cairn-lock.sqlite` with `locking_mode=EXCLUSIVE`, takes an exclusive
 * transaction once and never gives the lock back until it closes the file. A second server (another process
 * or another connection in this one: SQLite tracks its own locks per file) gets SQLITE_BUSY at once.
 *
 * The pid file this replaces trusted `kill(pid, 0)`: a killed server's pid lives on as a zombie under an init
 * that does not reap, or is reused by any process, and the data directory then stayed locked forever.
 * Nothing here reads a pid. The file is never deleted (deleting a lock file lets two processes lock two
 * different inodes). On a network file system without working fcntl locks this guards nothing: keep data
 * directories on local disks.
 */
export class DataDirLock {
  private constructor(private readonly db: Database.Database) {}

  static async acquire(dataDir: string): Promise<DataDirLock> {
    const file = path.join(dataDir, LOCK_FILE);
    const db = new Database(file, { timeout: 0 });
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('BEGIN EXCLUSIVE');
      // The first start writes the schema (journaled, so a crash here leaves nothing half-written); later starts write nothing.
      db.exec('CREATE TABLE IF NOT EXISTS cairn_lock (note TEXT)');
      db.exec('COMMIT');
    } catch (error) {
      db.close();
      if ((error as { code?: string }).code === 'SQLITE_BUSY') {
        throw new Error(`${dataDir} is in use by another Cairn server (it holds the lock on ${file})`);
      }
      throw error;
    }
    await unlink(path.join(dataDir, LEGACY_PID_FILE)).catch(() => undefined);
    return new DataDirLock(db);
  }

  /** Closing the file is what releases the lock. */
  release(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}
