import { hmacSha256 } from './hashes.js';

const maxEntries = 256;
/** A Map iterates in insertion order, so re-inserting on use makes it an LRU. */
const cache = new Map<string, Buffer>();

/**
 * The SigV4 signing key: HMAC chain "AWS4"+secret -> date -> region -> service -> "aws4_request".
 * Four HMACs per request add up on small requests, and keys only change daily, so recent ones are cached.
 */
export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const id = `${secret}\0${date}\0${region}\0${service}`;
  const hit = cache.get(id);
  if (hit !== undefined) {
    cache.delete(id);
    cache.set(id, hit);
    return hit;
  }
  const key = hmacSha256(hmacSha256(hmacSha256(hmacSha256(`AWS4${secret}`, date), region), service), 'aws4_request');
  cache.set(id, key);
  if (cache.size > maxEntries) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  return key;
}

/** For tests: how many keys are cached. */
export function signingKeyCacheSize(): number {
  return cache.size;
}
