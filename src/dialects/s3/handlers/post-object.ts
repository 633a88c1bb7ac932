import { parseTagging } from '../xml/parse-tagging.js';
import { verifyPostSignature } from '../../../auth/index.js';
import { findBucket } from '../../../core/buckets/find-bucket.js';
import { storedEncryptionOf } from '../../../core/encryption/object-encryption.js';
import { StorageError } from '../../../core/errors.js';
import { putObject } from '../../../core/objects/put-object.js';
import type { AccessKey, Principal } from '../../../core/types.js';
import { formBoundary, readPostForm } from '../../common/multipart-form.js';
import { checkPostPolicy, contentLengthRange, parsePostPolicy } from '../../common/post-policy.js';
import { drainRefusedForm, withinRange } from '../../common/post-upload.js';
import type { HandlerCore } from '../../common/handler-core.js';
import type { AuthorizationTarget } from '../../common/request-pipeline.js';
import type { WireRequest, WireResponse } from '../../common/wire.js';
import { el } from '../../common/xml.js';
import { xmlDocument } from '../../common/xml-writer.js';
import { s3BodyInput } from '../headers/body-input.js';
import { objectAttributesFromHeaders, quoteEtag } from '../headers/object-headers.js';
import { parseSseWriteHeaders, sseResponseHeaders } from '../headers/sse-headers.js';
import { objectChecksumHeaders } from './checksum-headers.js';

/** S3 allows 20 KB of form fields before the file. */
const MAX_FIELD_BYTES = 20 * 1024;
/** Fields that need no policy condition (the signature fields, the policy itself, the file). */
const EXEMPT = new Set([
  'policy',
  'signature',
  'awsaccesskeyid',
  'x-amz-signature',
  'x-amz-algorithm',
  'x-amz-credential',
  'x-amz-date',
  'x-amz-security-token',
  'file',
  'bucket',
]);
/** Form fields for features Cairn does not have: refused, never silently dropped. */
const REFUSED = ['x-amz-website-redirect-location'];

export interface PostObjectDeps {
  readonly ctx: HandlerCore;
  readonly req: WireRequest;
  readonly region: string;
  readonly lookupKey: (accessKeyId: string) => Promise<AccessKey | undefined>;
  /** The pipeline's one authorization path (dialects/common/request-pipeline.ts). */
  readonly authorize: (principal: Principal, target: AuthorizationTarget) => Promise<void>;
}

/**
 * S3 POST Object (browser form upload): the form's policy document, signed with SigV4 or SigV2,
 * authorises the upload instead of a signed request. The fields are read up to the file, which streams
 * into the store like any PutObject body (never held in memory); fields after the file are not read.
 */
export async function postObject(d: PostObjectDeps, bucketName: string): Promise<WireResponse> {
  try {
    return await storePostedObject(d, bucketName);
  } catch (error) {
    // Read what is left of a small refused form, so that the browser sees the answer instead of a reset.
    await drainRefusedForm(d.req.body);
    throw error;
  }
}

async function storePostedObject(d: PostObjectDeps, bucketName: string): Promise<WireResponse> {
  const bucket = await findBucket(d.ctx, 's3', bucketName);
  const boundary = formBoundary(d.req.headers['content-type']);
  if (boundary === undefined) {
    throw new StorageError('PreconditionFailed', 'Bucket POST must be of the enclosure-type multipart/form-data', {
      Condition: 'Bucket POST',
    });
  }
  const form = await readPostForm(d.req.body, boundary, { fileField: 'file', maxFieldBytes: MAX_FIELD_BYTES });
  const fields = new Map<string, string>();
  for (const [name, value] of form.fields) if (!fields.has(name.toLowerCase())) fields.set(name.toLowerCase(), value);
  const principal = await verifyPostSignature({ fields, region: d.region, lookupKey: d.lookupKey });
  if (principal === null) throw new StorageError('AccessDenied', 'Access Denied');
  d.req.log.accessKeyId = principal.accessKeyId;
  const rawKey = fields.get('key');
  if (rawKey === undefined || rawKey === '') {
    throw new StorageError(
      'InvalidArgument',
      "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.",
      {
        ArgumentName: 'key',
      },
    );
  }
  const file = form.file;
  if (file === undefined)
    throw new StorageError('InvalidArgument', 'POST requires exactly one file upload per request.', { ArgumentName: 'file' });
  const key = rawKey.replace(/\$\{filename\}/g, file.filename);
  const policy = parsePostPolicy(fields.get('policy') ?? '');
  checkPostPolicy(policy, new Map([...fields, ['bucket', bucket.name]]), d.ctx.clock(), EXEMPT);
  const acl = fields.get('acl');
  if (acl !== undefined && acl !== 'private' && acl !== 'bucket-owner-full-control') {
    throw new StorageError('NotImplemented', `Cairn keeps objects private; the acl ${acl} is not supported.`, { Header: 'acl' });
  }
  for (const name of REFUSED) {
    if (fields.has(name))
      throw new StorageError('NotImplemented', `Cairn does not implement the ${name} field of POST uploads.`, { Header: name });
  }
  d.req.log.key = key;
  await d.authorize(principal, {
    action: 's3:PutObject',
    resource: `arn:aws:s3:::${bucket.name}/${key}`,
    resourceAccountId: bucket.accountId,
    bucket,
  });

  const headers: Record<string, string> = {};
  for (const [name, value] of fields) headers[name] = value;
  if (headers['content-type'] === undefined && file.contentType !== undefined) headers['content-type'] = file.contentType;
  const range = contentLengthRange(policy);
  const body = s3BodyInput(headers, { stream: withinRange(file.stream, range), trailers: () => ({}) });
  const encryption = parseSseWriteHeaders(headers);
  // The form's `tagging` field is a Tagging document, as the body of PutObjectTagging.
  const tagging = fields.get('tagging');
  const object = await putObject(d.ctx, {
    bucket,
    key,
    body,
    attributes: objectAttributesFromHeaders(headers),
    ...(encryption === undefined ? {} : { encryption }),
    ...(tagging === undefined ? {} : { tags: parseTagging(tagging) }),
  });
  const location = `/${encodeURIComponent(bucket.name)}/${key.split('/').map(encodeURIComponent).join('/')}`;
  const responseHeaders = {
    etag: quoteEtag(object.etag),
    location,
    ...objectChecksumHeaders(object.checksum),
    ...sseResponseHeaders(storedEncryptionOf(object.extra)),
  };
  const redirect = fields.get('success_action_redirect') ?? fields.get('redirect');
  if (redirect !== undefined && /^https?:\/\//i.test(redirect)) {
    const target = new URL(redirect);
    target.searchParams.set('bucket', bucket.name);
    target.searchParams.set('key', key);
    target.searchParams.set('etag', quoteEtag(object.etag));
    return { status: 303, headers: { ...responseHeaders, location: target.toString() }, body: '' };
  }
  const status = fields.get('success_action_status');
  if (status === '200') return { status: 200, headers: responseHeaders, body: '' };
  if (status === '201') {
    const xml = xmlDocument(
      el('PostResponse', [el('Location', location), el('Bucket', bucket.name), el('Key', key), el('ETag', quoteEtag(object.etag))]),
    );
    return { status: 201, headers: { ...responseHeaders, 'content-type': 'application/xml' }, body: xml };
  }
  return { status: 204, headers: responseHeaders };
}
