import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

const MiB = 1024 * 1024;

/** Deterministic pseudo-random bytes made as they are read: a test never holds the whole body. */
export function generatedStream(size: number, seed: number): Readable {
  let sent = 0;
  let x = seed >>> 0;
  return new Readable({
    read() {
      if (sent >= size) return void this.push(null);
      const n = Math.min(MiB, size - sent);
      const chunk = Buffer.allocUnsafe(n);
      for (let i = 0; i + 4 <= n; i += 4) chunk.writeUInt32LE((x = (x * 1664525 + 1013904223) >>> 0), i);
      for (let i = n - (n % 4); i < n; i++) chunk[i] = i & 0xff;
      sent += n;
      this.push(chunk);
    },
  });
}

export async function sha256Of(stream: AsyncIterable<Uint8Array>): Promise<string> {
  const h = createHash('sha256');
  for await (const c of stream) h.update(c);
  return h.digest('hex');
}
