import { randomBytes } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';

export const MASTER_KEY_FILE = 'master.key';

/**
 * The server master key (32 bytes): from CAIRN_MASTER_KEY (64 hex digits or base64) when set, else from
 * `<data-dir>/master.key`, which is created on first start (mode 0600, fsynced) and read afterwards.
 * Losing it loses every encrypted object: back it up with the data directory, or set the variable.
 */
export async function loadMasterKey(dataDir: string, fromEnv: string | undefined): Promise<Buffer> {
  if (fromEnv !== undefined && fromEnv !== '') return parseMasterKey(fromEnv);
  const file = path.join(dataDir, MASTER_KEY_FILE);
  try {
    return parseMasterKey((await readFile(file, 'utf8')).trim());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  const handle = await open(file, 'wx', 0o600);
  try {
    await handle.writeFile(`${key.toString('hex')}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return key;
}

export function parseMasterKey(text: string): Buffer {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  const b = Buffer.from(text, 'base64');
  if (b.length === 32 && /^[A-Za-z0-9+/]{43}=?$/.test(text)) return b;
  throw new Error('the master key must be 32 bytes, written as 64 hex digits or base64');
}
