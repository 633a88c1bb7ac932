import type { StorageError } from '../../core/errors.js';
import type { WireResponse } from '../common/wire.js';
import { wordError } from '../common/error-wording.js';
import { el, xmlDocument, type XmlElement } from '../common/xml.js';
import { CONFIGURATION_DETAIL, OSS_CODE_DETAIL, ossErrorFor } from './error-table.js';

export interface OssErrorContext {
  readonly requestId: string;
  /** The Host the request was sent to (OSS's HostId). */
  readonly hostId: string;
  readonly method: string;
}

const FIXED_ELEMENTS = new Set(['Code', 'Message', 'RequestId', 'HostId', 'EC', 'RecommendDoc', CONFIGURATION_DETAIL, OSS_CODE_DETAIL]);
/** Details become elements; internal ones (lower-case names such as `conflict`) stay out. */
const XML_DETAIL = /^[A-Z][A-Za-z0-9._-]*$/;

/**
 * The OSS error response: `<Error><Code/><Message/><RequestId/><HostId/>...details...<EC/><RecommendDoc/></Error>`
 * with no namespace, plus `x-oss-ec`. HEAD has no body, so the same document travels base64-encoded in
 * `x-oss-err` (oss2 and the Go SDK decode it; ali-oss does for statuses other than 404 and 412). A 304 is
 * bare. The message is the table's wording of the error.
 */
export function renderOssError(error: StorageError, ctx: OssErrorContext): WireResponse {
  const entry = ossErrorFor(error);
  const ec = typeof error.details.EC === 'string' ? error.details.EC : entry.ec;
  const headers: Record<string, string> = {};
  if (ec !== undefined) headers['x-oss-ec'] = ec;
  // AppendObject's PositionNotEqualToLength tells where the next append must start.
  const next = error.details.NextAppendPosition;
  if (next !== undefined) headers['x-oss-next-append-position'] = String(next);
  if (entry.status === 304) return { status: 304, headers };
  const details: XmlElement[] = [];
  for (const [name, value] of Object.entries(error.details)) {
    if (value === undefined || FIXED_ELEMENTS.has(name) || !XML_DETAIL.test(name) || /^xml/i.test(name)) continue;
    details.push(el(name, value));
  }
  const body = xmlDocument(
    el('Error', [
      el('Code', entry.code),
      el('Message', wordError(entry.message, error)),
      el('RequestId', ctx.requestId),
      el('HostId', ctx.hostId),
      ...details,
      ...(ec === undefined ? [] : [el('EC', ec), el('RecommendDoc', `https://api.aliyun.com/troubleshoot?q=${ec}`)]),
    ]),
  );
  if (ctx.method.toUpperCase() === 'HEAD') {
    return { status: entry.status, headers: { ...headers, 'x-oss-err': Buffer.from(body, 'utf8').toString('base64') } };
  }
  return { status: entry.status, headers: { ...headers, 'content-type': 'application/xml' }, body };
}
