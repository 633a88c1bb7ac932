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

const FIXED_ELEMENTS = new Set(['Code', 'Message', 'Resource', 'RequestId', 'HostId', CONFIGURATION_DETAIL]);
const XML_NAME = /^[A-Za-z_][A-Za-z0-9._-]*$/;

/**
 * The S3 error response for a StorageError:
 * `<Error><Code/><Message/><Resource/><RequestId/>...details...</Error>`, each detail an element of its
 * own (BucketName, ArgumentName, ArgumentValue, UploadId...). HEAD responses and 304 carry no body.
 * The message is the table's wording of the error (an internal error's own message stays in the log).
 */
export function renderS3Error(error: StorageError, ctx: S3ErrorContext): WireResponse {
  const entry = s3ErrorFor(error);
  const headers = { 'x-amz-request-id': ctx.requestId };
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
