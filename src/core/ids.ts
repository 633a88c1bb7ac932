import { randomBytes, randomInt } from 'node:crypto';

/**
 * Upload ids: 256 random bits, base64url. Opaque and unguessable; anything else is refused unread.
 * They never start with '-' or '_': command-line tools would read `--upload-id -abc...` as an option.
 */
const UPLOAD_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{42}$/;

export function newUploadId(): string {
  for (;;) {
    const id = randomBytes(32).toString('base64url');
    if (UPLOAD_ID.test(id)) return id;
  }
}

export function isValidUploadId(id: string): boolean {
  return UPLOAD_ID.test(id);
}

/** 12 decimal digits, not starting with 0, like an AWS account id. */
export function newAccountId(): string {
  return String(randomInt(1, 10)) + Array.from({ length: 11 }, () => String(randomInt(0, 10))).join('');
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** 20 characters like AWS access key ids ("CK" for Cairn Key, then 18 of base32). */
export function newAccessKeyId(): string {
  const bytes = randomBytes(18);
  let out = 'CK';
  for (const b of bytes) out += KEY_ALPHABET[b % 32];
  return out;
}

export function newSecretAccessKey(): string {
  return randomBytes(30).toString('base64').replace(/\+/g, 'A').replace(/\//g, 'B');
}

const inlinePrefix = randomBytes(8).toString('hex');
let inlineCounter = 0;

/**
 * Ids of blobs kept inline in the metadata store: never a file name (file blob ids are 32 hex digits).
 * A random per-process prefix and a counter: unique across restarts without randomness per write.
 */
export function newInlineBlobId(): string {
  inlineCounter += 1;
  return `i${inlinePrefix}${inlineCounter.toString(16).padStart(14, '0')}`;
}

export function isInlineBlobId(blobId: string): boolean {
  return blobId.startsWith('i');
}

const VERSION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{31}$/;

let versionPool = Buffer.alloc(0);
let versionPoolAt = 0;

/**
 * Version ids: 32 characters of base64url (192 random bits), never `null`, never a leading '-' or '_'.
 * Random bytes are drawn 6 KiB at a time: one call per 256 versions rather than one per version.
 */
export function newVersionId(): string {
  for (;;) {
    if (versionPoolAt + 24 > versionPool.length) {
      versionPool = randomBytes(24 * 256);
      versionPoolAt = 0;
    }
    const id = versionPool.subarray(versionPoolAt, versionPoolAt + 24).toString('base64url');
    versionPoolAt += 24;
    if (VERSION_ID.test(id)) return id;
  }
}

/** Whether a string can be a version id Cairn made ('null' names the null version and is checked apart). */
export function isValidVersionId(id: string): boolean {
  return VERSION_ID.test(id);
}
