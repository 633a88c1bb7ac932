import { StorageError } from '../../core/errors.js';

const DRAIN_LIMIT = 1024 * 1024;

/**
 * Reads what is left of a small refused form upload (S3 POST Object, OSS PostObject), so that the
 * browser sees the answer instead of a reset; a large one is left, and the connection closes.
 */
export async function drainRefusedForm(body: AsyncIterable<Uint8Array>, limit = DRAIN_LIMIT): Promise<void> {
  let seen = 0;
  try {
    for await (const chunk of body) {
      seen += chunk.length;
      if (seen > limit) return;
    }
  } catch {
    // the body failed or was already consumed: nothing to drain
  }
}

/** The file's bytes, failing as soon as they exceed the policy's maximum, or at the end below its minimum. */
export async function* withinRange(
  stream: AsyncIterable<Buffer>,
  range: { readonly min: number; readonly max: number } | undefined,
): AsyncIterable<Buffer> {
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (range !== undefined && size > range.max) {
      throw new StorageError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
        ProposedSize: size,
        MaxSizeAllowed: range.max,
      });
    }
    yield chunk;
  }
  if (range !== undefined && size < range.min) {
    throw new StorageError('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', {
      ProposedSize: size,
      MinSizeAllowed: range.min,
    });
  }
}
