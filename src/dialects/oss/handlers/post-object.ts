import { verifyOssPostSignature } from '../../../auth/index.js';
import { findBucket } from '../../../core/buckets/find-bucket.js';
import { storedEncryptionOf } from '../../../core/encryption/object-encryption.js';
import { StorageError, isStorageError } from '../../../core/errors.js';
import { putObject } from '../../../core/objects/put-object.js';
import type { AccessKey, Principal } from '../../../core/types.js';
import type { HandlerCore } from '../../common/handler-core.js';
import { formBoundary, readPostForm } from '../../common/multipart-form.js';
import { checkPostPolicy, contentLengthRange, parsePostPolicy } from '../../common/post-policy.js';
import { drainRefusedForm, withinRange } from '../../common/post-upload.js';
import type { AuthorizationTarget } from '../../common/request-pipeline.js';
import type { WireRequest, WireResponse } from '../../common/wire.js';
import { el, xmlDocument } from '../../common/xml.js';
import { OSS_CODE_DETAIL } from '../error-table.js';
import { ossBodyInput } from '../headers/body-input.js';
import { crc64Header, objectAttributesFromHeaders, ossEtag } from '../headers/object-headers.js';
import { ossSseResponseHeaders, parseOssSseWriteHeaders } from '../headers/sse-headers.js';
import { ossVersionHeader, parseOssTaggingHeader } from '../headers/version-headers.js';
import { validateOssKey } from '../object-key.js';
import { forbidOverwrite } from '../request-conditions.js';
import { OSS_DIGESTS, fileAlreadyExists } from './object-handlers.js';
import { refuseUnsupportedWriteHeaders } from './unsupported-headers.js';

/** Form fields before the file that OSS reads, well below what any real form sends. */
const MAX_FIELD_BYTES = 64 * 1024;
/** Form fields for features Cairn does not have on OSS: refused, never silently dropped. */
const REFUSED = ['callback', 'callback-var', 'x-oss-security-token'];

export interface OssPostObjectDeps {
  readonly ctx: HandlerCore;
  readonly req: WireRequest;
  readonly lookupKey: (accessKeyId: string) => Promise<AccessKey | undefined>;
  /** The pipeline's one authorization path (dialects/common/request-pipeline.ts). */
  readonly authorize: (principal: Principal, target: AuthorizationTarget) => Promise<void>;
}

/**
 * OSS PostObject (browser form upload, `POST /` on the bucket): the form's policy document, signed with
 * the V1 signature, authorises the upload instead of a signed request. Fields are read up to the file,
 * which streams into the store like any PutObject body; fields after the file are not read. Unlike S3,
 * OSS checks the policy's conditions only, not that every field is named by one.
 */
export async function ossPostObject(d: OssPostObjectDeps, bucketName: string): Promise<WireResponse> {
  try {
    return await storePostedObject(d, bucketName);
  } catch (error) {
    await drainRefusedForm(d.req.body);
    throw ossWording(error);
  }
}

async function storePostedObject(d: OssPostObjectDeps, bucketName: string): Promise<WireResponse> {
  const bucket = await findBucket(d.ctx, 's3', bucketName);
  const boundary = formBoundary(d.req.headers['content-type']);
  if (boundary === undefined) {
    throw new StorageError('InvalidArgument', 'Bucket POST must be of the enclosure-type multipart/form-data', {
      [OSS_CODE_DETAIL]: 'RequestIsNotMultiPartContent',
    });
  }
  const form = await readPostForm(d.req.body, boundary, { fileField: 'file', maxFieldBytes: MAX_FIELD_BYTES });
  const fields = new Map<string, string>();
  for (const [name, value] of form.fields) if (!fields.has(name.toLowerCase())) fields.set(name.toLowerCase(), value);
  const principal = await verifyOssPostSignature({ fields, lookupKey: d.lookupKey });
  // Cairn keeps buckets private: an unsigned form (allowed by OSS on public-read-write buckets) is refused.
  if (principal === null)
    throw new StorageError('AccessDenied', 'Anonymous PostObject is refused: sign the policy with OSSAccessKeyId and Signature.');
  d.req.log.accessKeyId = principal.accessKeyId;
  const rawKey = fields.get('key');
  if (rawKey === undefined || rawKey === '') {
    throw new StorageError('InvalidArgument', 'The form field key is missing or empty.', { ArgumentName: 'key' });
  }
  const file = form.file;
  if (file === undefined) {
    throw new StorageError('InvalidArgument', 'PostObject needs a file field, the last field of the form.', { ArgumentName: 'file' });
  }
  const key = rawKey.replace(/\$\{filename\}/g, file.filename);
  validateOssKey(key);
  const policy = parsePostPolicy(fields.get('policy') ?? '');
  checkPostPolicy(policy, new Map([...fields, ['bucket', bucket.name]]), d.ctx.clock(), undefined);
  for (const name of REFUSED) {
    if (fields.has(name))
      throw new StorageError('NotImplemented', `Cairn does not implement the ${name} field of PostObject.`, { Header: name });
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of fields) headers[name] = value;
  if (headers['content-type'] === undefined && file.contentType !== undefined) headers['content-type'] = file.contentType;
  refuseUnsupportedWriteHeaders(headers);
  const encryption = parseOssSseWriteHeaders(headers);
  const tags = parseOssTaggingHeader(headers['x-oss-tagging']);
  d.req.log.key = key;
  await d.authorize(principal, {
    action: 'oss:PutObject',
    resource: `acs:oss:*:*:${bucket.name}/${key}`,
    resourceAccountId: bucket.accountId,
    bucket,
  });

  const range = contentLengthRange(policy);
  const object = await fileAlreadyExists(
    putObject(d.ctx, {
      bucket,
      key,
      body: ossBodyInput(headers, { stream: withinRange(file.stream, range), length: undefined }),
      attributes: objectAttributesFromHeaders(headers),
      extraDigests: OSS_DIGESTS,
      ...forbidOverwrite(headers),
      ...(encryption === undefined ? {} : { encryption }),
      ...(tags === undefined ? {} : { tags }),
    }),
  );
  const etag = ossEtag(object.etag);
  const location = objectUrl(d.req, bucket.name, key);
  const responseHeaders = {
    etag,
    ...crc64Header(object.digests),
    ...ossSseResponseHeaders(storedEncryptionOf(object.extra)),
    ...ossVersionHeader(bucket, object.versionId),
  };
  const redirect = fields.get('success_action_redirect');
  if (redirect !== undefined && /^https?:\/\//i.test(redirect)) {
    const target = new URL(redirect);
    target.searchParams.set('bucket', bucket.name);
    target.searchParams.set('key', key);
    target.searchParams.set('etag', etag);
    return { status: 303, headers: { ...responseHeaders, location: target.toString() }, body: '' };
  }
  const status = fields.get('success_action_status');
  if (status === '200') return { status: 200, headers: responseHeaders, body: '' };
  if (status === '201') {
    const xml = xmlDocument(el('PostResponse', [el('Bucket', bucket.name), el('Location', location), el('Key', key), el('ETag', etag)]));
    return { status: 201, headers: { ...responseHeaders, 'content-type': 'application/xml' }, body: xml };
  }
  // OSS answers 204 for a missing or any other success_action_status.
  return { status: 204, headers: responseHeaders };
}

/** The object's URL, as OSS's PostResponse gives it: on the bucket's own host, or path style. */
function objectUrl(req: WireRequest, bucketName: string, key: string): string {
  const host = req.headers.host ?? 'localhost';
  const path = key.split('/').map(encodeURIComponent).join('/');
  const scheme = req.secure ? 'https' : 'http';
  return host.startsWith(`${bucketName}.`)
    ? `${scheme}://${host}/${path}`
    : `${scheme}://${host}/${encodeURIComponent(bucketName)}/${path}`;
}

/** The common form and policy readers' errors, as OSS names them. */
function ossWording(error: unknown): unknown {
  if (!isStorageError(error, 'InvalidArgument')) return error;
  if (error.details.ArgumentName === 'policy') {
    return new StorageError('InvalidArgument', error.message, { ...error.details, [OSS_CODE_DETAIL]: 'InvalidPolicyDocument' });
  }
  if (error.details.ArgumentName === 'Content-Type' && error.details[OSS_CODE_DETAIL] === undefined) {
    return new StorageError('InvalidArgument', error.message, { ...error.details, [OSS_CODE_DETAIL]: 'MalformedPOSTRequest' });
  }
  return error;
}
