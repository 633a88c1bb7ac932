import { percentDecodeToString } from './uri-encode.js';

/**
 * Query parameters that belong to S3's SigV2 CanonicalizedResource: the sub-resources AWS documents plus
 * those botocore's HmacV1Auth adds (its list is what most SigV2 clients follow).
 */
export const sigV2SubResources: ReadonlySet<string> = new Set([
  'accelerate',
  'acl',
  'analytics',
  'cors',
  'delete',
  'encryption',
  'intelligent-tiering',
  'inventory',
  'legal-hold',
  'lifecycle',
  'location',
  'logging',
  'metrics',
  'notification',
  'object-lock',
  'ownershipControls',
  'partNumber',
  'policy',
  'policyStatus',
  'publicAccessBlock',
  'replication',
  'requestPayment',
  'response-cache-control',
  'response-content-disposition',
  'response-content-encoding',
  'response-content-language',
  'response-content-type',
  'response-expires',
  'restore',
  'retention',
  'select',
  'select-type',
  'storageClass',
  'tagging',
  'torrent',
  'uploadId',
  'uploads',
  'versionId',
  'versioning',
  'versions',
  'website',
]);

/**
 * `/bucket` for virtual-hosted requests, then the path as sent, then the sub-resources sorted by name,
 * with their values decoded (`?acl`, `?partNumber=2&uploadId=x`).
 */
export function sigV2CanonicalResource(rawPath: string, rawQuery: string, bucketFromHost?: string): string {
  const path = rawPath === '' ? '/' : rawPath;
  const base = bucketFromHost !== undefined && bucketFromHost !== '' ? `/${bucketFromHost}${path}` : path;
  const subs: [string, string | undefined][] = [];
  for (const piece of rawQuery === '' ? [] : rawQuery.split('&')) {
    const eq = piece.indexOf('=');
    const name = percentDecodeToString(eq < 0 ? piece : piece.slice(0, eq));
    if (sigV2SubResources.has(name)) subs.push([name, eq < 0 ? undefined : percentDecodeToString(piece.slice(eq + 1))]);
  }
  if (subs.length === 0) return base;
  subs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return `${base}?${subs.map(([n, v]) => (v === undefined ? n : `${n}=${v}`)).join('&')}`;
}

export interface SigV2StringToSignParts {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The Date line: the Date header, the Expires parameter, or '' when x-amz-date is signed instead. */
  readonly date: string;
  readonly resource: string;
  /** Leave x-amz-date out of the x-amz-* lines (when its value is on the Date line). */
  readonly omitAmzDate?: boolean;
  /** Join the values of repeated headers (node joins them with ', ') with ',' as S3 specifies. */
  readonly joinCommaLists?: boolean;
}

/** S3's SigV2 string to sign: VERB, Content-MD5, Content-Type, Date, x-amz-* headers, resource. */
export function sigV2StringToSign(p: SigV2StringToSignParts): string {
  const amz = Object.keys(p.headers)
    .filter((h) => h.startsWith('x-amz-') && !(p.omitAmzDate === true && h === 'x-amz-date'))
    .sort()
    .map((h) => {
      let value = p.headers[h]!.trim().replace(/\s*\r?\n\s*/g, ' ');
      if (p.joinCommaLists === true) value = value.replace(/\s*,\s*/g, ',');
      return `${h}:${value}\n`;
    })
    .join('');
  const md5 = p.headers['content-md5'] ?? '';
  const type = p.headers['content-type'] ?? '';
  return `${p.method}\n${md5.trim()}\n${type.trim()}\n${p.date}\n${amz}${p.resource}`;
}
