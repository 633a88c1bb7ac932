import { decodePathPart } from '../dialects/common/decode-path-part.js';

/** The admin API's endpoints, parsed from method and path (under /_cairn/admin/v1/). */
export type AdminRoute =
  | { readonly route: 'whoami' }
  | { readonly route: 'listAccounts' }
  | { readonly route: 'createAccount' }
  | { readonly route: 'listBuckets' }
  | { readonly route: 'listUploads'; readonly bucket: string }
  | { readonly route: 'abortUploads'; readonly bucket: string }
  | { readonly route: 'listParts'; readonly bucket: string; readonly uploadId: string }
  | { readonly route: 'abortUpload'; readonly bucket: string; readonly uploadId: string }
  | { readonly route: 'lifecyclePasses' }
  | { readonly route: 'lifecyclePass'; readonly passId: number }
  | { readonly route: 'lifecycleRun' }
  | { readonly route: 'usage' };

const PREFIX = '/_cairn/admin/v1/';

/** undefined when no endpoint matches; a path part with a malformed escape or invalid UTF-8 is InvalidURI. */
export function routeAdmin(method: string, rawPath: string): AdminRoute | undefined {
  if (!rawPath.startsWith(PREFIX)) return undefined;
  const parts = rawPath
    .slice(PREFIX.length)
    .split('/')
    .map((part) => decodePathPart(part, rawPath));
  const [a, b, c, d, e] = parts;
  const is = (m: string, n: number) => method === m && parts.length === n;
  if (is('GET', 1) && a === 'whoami') return { route: 'whoami' };
  if (a === 'accounts' && parts.length === 1) {
    if (method === 'GET') return { route: 'listAccounts' };
    if (method === 'POST') return { route: 'createAccount' };
  }
  if (a === 'lifecycle' && b === 'passes') {
    if (is('GET', 2)) return { route: 'lifecyclePasses' };
    if (is('GET', 3) && c !== undefined && /^\d+$/.test(c)) return { route: 'lifecyclePass', passId: Number(c) };
  }
  if (is('POST', 2) && a === 'lifecycle' && b === 'run') return { route: 'lifecycleRun' };
  if (is('GET', 1) && a === 'usage') return { route: 'usage' };
  if (a !== 'buckets') return undefined;
  if (is('GET', 1)) return { route: 'listBuckets' };
  if (b === undefined || b === '' || c !== 'uploads') return undefined;
  if (is('GET', 3)) return { route: 'listUploads', bucket: b };
  if (is('POST', 4) && d === 'abort') return { route: 'abortUploads', bucket: b };
  if (d === undefined || d === '') return undefined;
  if (is('DELETE', 4)) return { route: 'abortUpload', bucket: b, uploadId: d };
  if (is('GET', 5) && e === 'parts') return { route: 'listParts', bucket: b, uploadId: d };
  return undefined;
}
