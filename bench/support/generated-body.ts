import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

const CHUNK = 1024 * 1024;

/**
 * `size` bytes of incompressible data as a stream, never held whole: a random 1 MiB block copied per
 * chunk with the chunk's index stamped into it (a copy costs far less than generating fresh random bytes,
 * which would make the client the bottleneck).
 */
export function generatedBody(size: number): Readable {
  const template = randomBytes(CHUNK);
  let sent = 0;
  let index = 0;
  return new Readable({
    highWaterMark: CHUNK,
    read() {
      if (sent >= size) return void this.push(null);
      const n = Math.min(CHUNK, size - sent);
      const chunk = Buffer.allocUnsafe(n);
      template.copy(chunk, 0, 0, n);
      if (n >= 8) chunk.writeDoubleLE(index++, 0);
      sent += n;
      this.push(chunk);
    },
  });
}
