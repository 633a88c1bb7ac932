import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Files under `dir` that contain a 4 KiB run of `plaintext`. Any such run contains a whole 2 KiB window
 * starting at a multiple of 2 KiB, so searching for those windows finds every 4 KiB run (and more).
 */
export function filesContainingPlaintext(dir: string, plaintext: Buffer): string[] {
  const windows: Buffer[] = [];
  for (let i = 0; i + 2048 <= plaintext.length; i += 2048) windows.push(plaintext.subarray(i, i + 2048));
  const hits: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else {
        const bytes = readFileSync(full);
        if (windows.some((w) => bytes.includes(w))) hits.push(full);
      }
    }
  };
  walk(dir);
  return hits;
}
