import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { StorageError } from '../errors.js';

export interface WrappedKey {
  readonly iv: Buffer;
  readonly wrapped: Buffer;
  readonly tag: Buffer;
}

/**
 * Wraps a 32-byte key with AES-256-GCM under `wrappingKey`. `context` (which key wraps it and for what)
 * is authenticated, so a key wrapped for one purpose never unwraps for another.
 */
export function wrapKey(wrappingKey: Buffer, key: Buffer, context: string): WrappedKey {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey, iv);
  cipher.setAAD(Buffer.from(context));
  const wrapped = Buffer.concat([cipher.update(key), cipher.final()]);
  return { iv, wrapped, tag: cipher.getAuthTag() };
}

/** Throws AccessDenied when the wrapping key or the context is not the one the key was wrapped with. */
export function unwrapKey(wrappingKey: Buffer, w: WrappedKey, context: string): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrappingKey, w.iv);
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(w.tag);
    return Buffer.concat([decipher.update(w.wrapped), decipher.final()]);
  } catch (error) {
    throw new StorageError('AccessDenied', 'The key needed to decrypt this data does not match.', {}, { cause: error });
  }
}

/** A wrapped key as one base64 string (iv | wrapped | tag), for JSON documents. */
export function encodeWrappedKey(w: WrappedKey): string {
  return Buffer.concat([w.iv, w.wrapped, w.tag]).toString('base64');
}

export function decodeWrappedKey(text: string): WrappedKey {
  const b = Buffer.from(text, 'base64');
  return { iv: b.subarray(0, 12), wrapped: b.subarray(12, b.length - 16), tag: b.subarray(b.length - 16) };
}
