import { createHash } from 'node:crypto';
import { GlacierClient } from '@aws-sdk/client-glacier';
import { testCredentials } from '../support/cairn-process.js';

export const region = 'us-east-1';
const MiB = 1024 * 1024;

/** Job delays near zero so tests do not wait; Standard is a little longer to see InProgress. */
export const fastJobArgs = ['--glacier-expedited-delay', '0', '--glacier-standard-delay', '300ms', '--glacier-bulk-delay', '0'];

export function glacierClient(url: string, options: { maxAttempts?: number } = {}): GlacierClient {
  return new GlacierClient({ endpoint: url, region, credentials: testCredentials, maxAttempts: options.maxAttempts ?? 1 });
}

/**
 * The SHA-256 tree hash written here from the AWS description (1 MiB leaves, pairs hashed level by level,
 * a lone last node promoted), independently of the server's implementation.
 */
export function treeHash(data: Buffer): string {
  let level: Buffer[] = [];
  for (let i = 0; i < data.length || i === 0; i += MiB)
    level.push(
      createHash('sha256')
        .update(data.subarray(i, i + MiB))
        .digest(),
    );
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const right = level[i + 1];
      next.push(right === undefined ? level[i]! : createHash('sha256').update(level[i]!).update(right).digest());
    }
    level = next;
  }
  return level[0]!.toString('hex');
}

/** Deterministic bytes: byte i = (7i + seed) mod 251. */
export function pattern(length: number, seed = 3): Buffer {
  const buf = Buffer.alloc(length);
  for (let i = 0; i < length; i++) buf[i] = (7 * i + seed) % 251;
  return buf;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export { MiB };
