import { hmacSha256 } from './hashes.js';

const maxEntries = 256;
/** A Map iterates in insertion order, so re-inserting on use makes it an LRU (as signing-key.ts does for SigV4). */
const cache = new Map<string, Buffer>();

/** The OSS V4 signing key: HMAC-SHA256 chain "aliyun_v4"+secret -> date -> region -> product -> "aliyun_v4_request". */
export function ossV4SigningKey(secret: string, date: string, region: string, product: string): Buffer {
  const id = `${secret}\0${date}\0${region}\0${product}`;
  const hit = cache.get(id);
  if (hit !== undefined) {
    cache.delete(id);
    cache.set(id, hit);
    return hit;
  }
  const key = hmacSha256(hmacSha256(hmacSha256(hmacSha256(`aliyun_v4${secret}`, date), region), product), 'aliyun_v4_request');
  cache.set(id, key);
  if (cache.size > maxEntries) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  return key;
}
