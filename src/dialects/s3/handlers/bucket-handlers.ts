import { createBucket } from '../../../core/buckets/create-bucket.js';
import { listBuckets } from '../../../core/buckets/list-buckets.js';
import { deleteBucket } from '../../../core/buckets/delete-bucket.js';
import { StorageError, isStorageError } from '../../../core/errors.js';
import { decodeContinuationToken, encodeContinuationToken } from '../../common/continuation-token.js';
import { el } from '../../common/xml.js';
import { parseCreateBucketConfiguration } from '../xml/request-xml.js';
import { s3Document } from '../xml/response-elements.js';
import { renderListBuckets, renderLocationConstraint } from '../xml/response-xml.js';
import { readXmlBody } from '../headers/body-input.js';
import { emptyResponse, requireBucket, xmlResponse, type S3HandlerTable } from './handler-context.js';

export const bucketHandlers: S3HandlerTable = {
  ListBuckets: async (h, e) => {
    const all = await listBuckets(h.ctx, 's3', h.principal.accountId);
    const prefix = e.prefix ?? '';
    const after = e.continuationToken === undefined ? '' : decodeContinuationToken(e.continuationToken);
    const matching = all.filter((b) => b.name.startsWith(prefix) && b.name > after);
    const page = e.maxBuckets === undefined ? matching : matching.slice(0, e.maxBuckets);
    const last = page.at(-1);
    const truncated = page.length < matching.length && last !== undefined;
    return xmlResponse(
      200,
      renderListBuckets({
        owner: await h.owner(h.principal.accountId),
        buckets: page.map((b) => ({ name: b.name, creationDate: b.createdAt, region: b.region })),
        ...(truncated ? { continuationToken: encodeContinuationToken(last.name) } : {}),
        ...(e.prefix === undefined ? {} : { prefix: e.prefix }),
      }),
    );
  },

  CreateBucket: async (h, e) => {
    const body = await readXmlBody(h.req.headers, h.body(), 64 * 1024, h.req.body);
    if (body.trim() !== '') {
      const { locationConstraint } = parseCreateBucketConfiguration(body);
      const wanted = locationConstraint ?? 'us-east-1';
      if (wanted !== h.region && !(wanted === 'us-east-1' && h.region === 'us-east-1')) {
        throw new StorageError(
          'InvalidArgument',
          `The ${wanted} location constraint is incompatible for the region specific endpoint this request was sent to.`,
          {
            ArgumentName: 'LocationConstraint',
            ArgumentValue: wanted,
          },
        );
      }
    }
    try {
      await createBucket(h.ctx, {
        principal: h.principal,
        namespace: 's3',
        name: e.bucket,
        region: h.region,
        ...(h.req.headers['x-amz-bucket-object-lock-enabled']?.trim().toLowerCase() === 'true' ? { objectLockEnabled: true } : {}),
      });
    } catch (error) {
      // In us-east-1, S3 answers 200 when you create a bucket you already own.
      if (!(isStorageError(error, 'BucketAlreadyOwnedByYou') && h.region === 'us-east-1')) throw error;
    }
    return emptyResponse(200, { location: `/${e.bucket}` });
  },

  HeadBucket: async (h) => {
    const bucket = requireBucket(h);
    return emptyResponse(200, { 'x-amz-bucket-region': bucket.region, 'x-amz-access-point-alias': 'false' });
  },

  GetBucketLocation: async (h) => xmlResponse(200, renderLocationConstraint(requireBucket(h).region)),

  DeleteBucket: async (h) => {
    // As AWS: incomplete uploads do not keep a bucket alive; they are aborted with it.
    await deleteBucket(h.ctx, requireBucket(h), { abortIncompleteUploads: true });
    return emptyResponse(204);
  },

  GetBucketAcl: async (h) => {
    const bucket = requireBucket(h);
    const owner = await h.owner(bucket.accountId);
    const ownerEl = el('Owner', [el('ID', owner.id), el('DisplayName', owner.displayName)]);
    const grant = el('Grant', [
      el('Grantee', [el('ID', owner.id), el('DisplayName', owner.displayName)], {
        'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
        'xsi:type': 'CanonicalUser',
      }),
      el('Permission', 'FULL_CONTROL'),
    ]);
    return xmlResponse(200, s3Document('AccessControlPolicy', [ownerEl, el('AccessControlList', [grant])]));
  },
};
