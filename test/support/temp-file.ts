import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A file of `size` deterministic bytes (a different pattern per seed) in a fresh temporary directory. */
export function tempFile(size: number, seed = 1): { path: string; data: Buffer; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'cairn-file-'));
  const file = path.join(dir, 'data.bin');
  const data = Buffer.alloc(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    data[i] = x & 0xff;
  }
  writeFileSync(file, data);
  return { path: file, data, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
