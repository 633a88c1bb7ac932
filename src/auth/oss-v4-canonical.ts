import { sha256Hex } from './hashes.js';
import { isOssV1SubResource } from './oss-v1-string-to-sign.js';
import type { OssResource } from './oss-resource.js';
import { percentDecode, uriEncode } from './uri-encode.js';

export const OSS_V4_ALGORITHM = 'OSS4-HMAC-SHA256';
export const OSS_V4_TERMINATOR = 'aliyun_v4_request';
export const OSS_UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

/** `UriEncode('/' + bucket + '/' + key)` keeping '/': a bucket-level request gives `/bucket/`, the service `/`. */
export function ossV4CanonicalUri(resource: OssResource): string {
  const bucket = resource.bucket ?? '';
  const path = bucket === '' ? '/' : `/${bucket}/${resource.key ?? ''}`;
  return uriEncode(path, true);
}

/**
 * The canonical query strings a V4 signature over this raw query may have used, the spec's first: every
 * parameter (minus `omit`) decoded ('+' as a space, as Go does) and UriEncoded, sorted by encoded name,
 * `k=v` or a bare `k` when the value is empty. Then ali-oss's form, which writes an empty ordinary
 * parameter (`key-marker`) as `k=` and only sub-resources bare, and sorts names with localeCompare.
 */
export function ossV4CanonicalQueryCandidates(rawQuery: string, omit?: string): string[] {
  const pairs = decodedPairs(rawQuery, omit);
  const byteOrder = [...pairs].sort((a, b) => compare(a.name, b.name) || compare(a.value, b.value));
  const spec = byteOrder.map((p) => (p.value === '' ? p.name : `${p.name}=${p.value}`)).join('&');
  const aliOss = (list: readonly EncodedPair[]) =>
    list.map((p) => (p.value === '' && isOssV1SubResource(p.decodedName) ? p.name : `${p.name}=${p.value}`)).join('&');
  const locale = [...pairs].sort((a, b) => a.decodedName.localeCompare(b.decodedName));
  return [...new Set([spec, aliOss(byteOrder), aliOss(locale)])];
}

interface EncodedPair {
  readonly decodedName: string;
  readonly name: string;
  readonly value: string;
}

function decodedPairs(rawQuery: string, omit: string | undefined): EncodedPair[] {
  const out: EncodedPair[] = [];
  if (rawQuery === '') return out;
  for (const piece of rawQuery.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const rawName = (eq < 0 ? piece : piece.slice(0, eq)).replace(/\+/g, ' ');
    const rawValue = (eq < 0 ? '' : piece.slice(eq + 1)).replace(/\+/g, ' ');
    const nameBytes = percentDecode(rawName);
    const decodedName = nameBytes.toString('utf8');
    if (omit !== undefined && decodedName === omit) continue;
    out.push({ decodedName, name: uriEncode(nameBytes), value: uriEncode(percentDecode(rawValue)) });
  }
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Content-Type, Content-MD5, every x-oss-* header and the additional headers, `name:value\n` sorted by
 * name, values trimmed. Only headers present in the request take part, except additional ones (a missing
 * one canonicalises empty, so the signature simply fails).
 */
export function ossV4CanonicalHeaders(headers: Readonly<Record<string, string>>, additional: readonly string[]): string {
  const names = new Set<string>(additional);
  for (const name of Object.keys(headers)) {
    if (name === 'content-type' || name === 'content-md5' || name.startsWith('x-oss-')) names.add(name);
  }
  return [...names]
    .sort()
    .map((name) => `${name}:${(headers[name] ?? '').trim()}\n`)
    .join('');
}

/** Lowercased, de-duplicated and sorted, without the names signed by default anyway. */
export function normalizeAdditionalHeaders(list: string | undefined): string[] {
  if (list === undefined || list.trim() === '') return [];
  const names = list
    .split(';')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '' && h !== 'content-type' && h !== 'content-md5' && !h.startsWith('x-oss-'));
  return [...new Set(names)].sort();
}

export interface OssV4CanonicalRequestParts {
  readonly method: string;
  readonly uri: string;
  readonly query: string;
  readonly headers: string;
  readonly additionalHeaders: readonly string[];
  readonly payloadHash: string;
}

export function ossV4CanonicalRequest(p: OssV4CanonicalRequestParts): string {
  return [p.method.toUpperCase(), p.uri, p.query, p.headers, p.additionalHeaders.join(';'), p.payloadHash].join('\n');
}

export function ossV4StringToSign(ossDate: string, scope: string, canonicalRequest: string): string {
  return `${OSS_V4_ALGORITHM}\n${ossDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
}
