import { bucketVersioning, putBucketVersioning } from '../../../core/buckets/bucket-versioning.js';
import { getObjectAttributes } from '../../../core/objects/object-attributes.js';
import { StorageError } from '../../../core/errors.js';
import { httpDate } from '../headers/object-headers.js';
import { parseSseCustomerKey } from '../headers/sse-headers.js';
import { parseVersionId, versionIdHeader } from '../headers/version-headers.js';
import { parseVersioningConfiguration } from '../xml/request-xml.js';
import { renderObjectAttributes, renderVersioningConfiguration, type ObjectAttributeName } from '../xml/response-xml.js';
import { emptyResponse, requireBucket, xmlResponse, type S3HandlerTable } from './handler-context.js';
import { readXmlBody } from '../headers/body-input.js';

const CONFIG_BODY_LIMIT = 64 * 1024;
const ATTRIBUTE_NAMES: ReadonlySet<string> = new Set<ObjectAttributeName>([
  'ETag',
  'Checksum',
  'ObjectParts',
  'StorageClass',
  'ObjectSize',
]);

export const versioningHandlers: S3HandlerTable = {
  GetBucketVersioning: async (h) => xmlResponse(200, renderVersioningConfiguration(bucketVersioning(requireBucket(h)))),

  PutBucketVersioning: async (h) => {
    const bucket = requireBucket(h);
    if (h.req.headers['x-amz-mfa'] !== undefined) {
      throw new StorageError('NotImplemented', 'Cairn does not offer MFA delete: it keeps no MFA devices.', { Header: 'x-amz-mfa' });
    }
    await putBucketVersioning(
      h.ctx,
      bucket,
      parseVersioningConfiguration(await readXmlBody(h.req.headers, h.body(), CONFIG_BODY_LIMIT, h.req.body)),
    );
    return emptyResponse(200);
  },

  GetObjectAttributes: async (h, e) => {
    const bucket = requireBucket(h);
    const versionId = parseVersionId(e.versionId);
    const asked = parseAttributeNames(h.req.headers['x-amz-object-attributes']);
    const maxParts = intHeader(h.req.headers['x-amz-max-parts'], 'x-amz-max-parts') ?? 1000;
    const marker = intHeader(h.req.headers['x-amz-part-number-marker'], 'x-amz-part-number-marker') ?? 0;
    const keys = parseSseCustomerKey(h.req.headers, 'x-amz-');
    const result = await getObjectAttributes(h.ctx, {
      bucket,
      key: e.key,
      ...(versionId === undefined ? {} : { versionId }),
      partNumberMarker: marker,
      maxParts: Math.min(maxParts, 1000),
      withParts: asked.has('ObjectParts'),
      ...(keys === undefined ? {} : { keys }),
    });
    return xmlResponse(200, renderObjectAttributes(result, asked), {
      'last-modified': httpDate(result.version.lastModified),
      ...versionIdHeader(bucket, result.version.versionId),
    });
  },
};

function parseAttributeNames(value: string | undefined): Set<ObjectAttributeName> {
  const names = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (names.length === 0) {
    throw new StorageError('InvalidArgument', 'Invalid attribute name specified.', { ArgumentName: 'x-amz-object-attributes' });
  }
  for (const n of names) {
    if (!ATTRIBUTE_NAMES.has(n)) {
      throw new StorageError('InvalidArgument', 'Invalid attribute name specified.', {
        ArgumentName: 'x-amz-object-attributes',
        ArgumentValue: n,
      });
    }
  }
  return new Set(names as ObjectAttributeName[]);
}

function intHeader(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value.trim())) {
    throw new StorageError('InvalidArgument', `Invalid ${name} value.`, { ArgumentName: name, ArgumentValue: value });
  }
  return Number(value.trim());
}
