import { randomBytes } from 'node:crypto';

const prefix = randomBytes(4).readUInt32BE(0);
let counter = 0;

/**
 * 16 uppercase hex characters, like S3's x-amz-request-id: a random per-process prefix and a counter,
 * unique without asking the kernel for randomness on every request.
 */
export function newRequestId(): string {
  counter = (counter + 1) >>> 0;
  return (prefix.toString(16).padStart(8, '0') + counter.toString(16).padStart(8, '0')).toUpperCase();
}
