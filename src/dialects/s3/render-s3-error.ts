import type { StorageError } from '../../core/errors.js';
import type { WireResponse } from '../common/wire.js';
import { wordError } from '../common/error-wording.js';
import { el, xmlDocument, type XmlElement } from '../common/xml.js';
import { CONFIGURATION_DETAIL, s3ErrorFor } from './error-table.js';

export interface S3ErrorContext {
  readonly requestId: string;
  /** What the request addressed, as S3 writes it: `/bucket/key`, `/bucket` or `/`. */
  readonly resource: string;
  readonly method: string;
}

const FIXED_ELEMENTS = new Set([
  'Code',
  'Message',
  'Resource',
  'RequestId',
  'HostId',
  CONFIGURATION_DETAIL,
  'DeleteMarker',
  'LastModified',
]);
const XML_NAME = /^[A-Za-z_][A-Za-z0-9._-]*$/;

/**
 * The S3 error response for a StorageError:
 * `<Error><Code/><Message/><Resource/><RequestId/>...details...</Error>`, each detail an element of its
 * own (BucketName, ArgumentName, ArgumentValue, UploadId...). HEAD responses and 304 carry no body.
 * The message is the table's wording of the error (an internal error's own message stays in the log).
 */
export function renderS3Error(error: StorageError, ctx: S3ErrorContext): WireResponse {
  const entry = s3ErrorFor(error);
  const headers = { 'x-amz-request-id': ctx.requestId, ...deleteMarkerHeaders(error) };
  if (ctx.method.toUpperCase() === 'HEAD' || entry.status === 304) return { status: entry.status, headers };
  const details: XmlElement[] = [];
  for (const [name, value] of Object.entries(error.details)) {
    if (value === undefined || FIXED_ELEMENTS.has(name) || !XML_NAME.test(name) || /^xml/i.test(name)) continue;
    details.push(el(name, value));
  }
  const body = xmlDocument(
    el('Error', [
      el('Code', entry.code),
      el('Message', wordError(entry.message, error)),
      el('Resource', ctx.resource),
      el('RequestId', ctx.requestId),
      ...details,
    ]),
  );
  return { status: entry.status, headers: { ...headers, 'content-type': 'application/xml' }, body };
}

/** A delete marker in the way (NoSuchKey for the latest, MethodNotAllowed when named) is told in headers, as S3 does. */
function deleteMarkerHeaders(error: StorageError): Record<string, string> {
  const d = error.details;
  if (d.DeleteMarker === 'false') return { 'x-amz-delete-marker': 'false' };
  if (d.DeleteMarker !== 'true') return {};
  return {
    'x-amz-delete-marker': 'true',
    ...(d.VersionId === undefined ? {} : { 'x-amz-version-id': String(d.VersionId) }),
    ...(typeof d.LastModified === 'number' && error.code === 'MethodNotAllowed'
      ? { 'last-modified': new Date(d.LastModified).toUTCString() }
      : {}),
  };
}
