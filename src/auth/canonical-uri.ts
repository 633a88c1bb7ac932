import { percentDecode, uriEncode } from './uri-encode.js';

/**
 * The canonical URIs a SigV4 signature over this path may have used, the likeliest first.
 *
 * S3 signs the path as sent: no second encoding, no removal of `.`, `..` or `//` (keys may contain
 * anything). Clients that send characters AWS would escape (`$`, `+`...) unescaped sign the AWS
 * encoding of the decoded key instead, as in the AWS docs' `PUT test$file.text` example, so that form
 * follows: first per segment (an escaped `%2F` stays escaped), then of the whole decoded path. All of
 * them decode to the same key, so accepting any changes nothing for the server.
 *
 * Every other service (Glacier included) normalises the path like botocore and @smithy/signature-v4
 * (empty, `.` and `..` segments removed) and then encodes the already encoded path once more.
 */
export function canonicalUriCandidates(rawPath: string, service: string): string[] {
  if (service !== 's3') return [canonicalUri(rawPath, service)];
  const asSent = rawPath === '' ? '/' : rawPath;
  const perSegment = asSent
    .split('/')
    .map((segment) => uriEncode(percentDecode(segment)))
    .join('/');
  const whole = uriEncode(percentDecode(asSent), true);
  return [...new Set([asSent, perSegment, whole])];
}

/** The canonical URI a signer uses for this path (the first candidate). */
export function canonicalUri(rawPath: string, service: string): string {
  if (service === 's3') return rawPath === '' ? '/' : rawPath;
  return uriEncode(normalizePath(rawPath), true);
}

function normalizePath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const lead = path.startsWith('/') ? '/' : '';
  const trail = segments.length > 0 && path.endsWith('/') ? '/' : '';
  const joined = lead + segments.join('/') + trail;
  return joined === '' ? '/' : joined;
}
