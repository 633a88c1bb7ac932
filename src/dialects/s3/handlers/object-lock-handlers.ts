import {
  getObjectLegalHold,
  getObjectLockConfiguration,
  getObjectRetention,
  putObjectLegalHold,
  putObjectLockConfiguration,
  putObjectRetention,
} from '../../../core/objects/object-lock.js';
import { bypassGovernance, parseVersionId } from '../headers/version-headers.js';
import { parseLegalHold, parseObjectLockConfiguration, parseRetention } from '../xml/request-xml.js';
import { renderLegalHold, renderObjectLockConfiguration, renderRetention } from '../xml/response-xml.js';
import { emptyResponse, requireBucket, xmlResponse, type S3HandlerTable } from './handler-context.js';
import { readXmlBody } from '../headers/body-input.js';

const LOCK_BODY_LIMIT = 64 * 1024;

export const objectLockHandlers: S3HandlerTable = {
  GetObjectLockConfiguration: async (h) =>
    xmlResponse(200, renderObjectLockConfiguration(await getObjectLockConfiguration(h.ctx, requireBucket(h)))),

  PutObjectLockConfiguration: async (h) => {
    const bucket = requireBucket(h);
    await putObjectLockConfiguration(
      h.ctx,
      bucket,
      parseObjectLockConfiguration(await readXmlBody(h.req.headers, h.body(), LOCK_BODY_LIMIT, h.req.body)),
    );
    return emptyResponse(200);
  },

  GetObjectRetention: async (h, e) =>
    xmlResponse(200, renderRetention(await getObjectRetention(h.ctx, requireBucket(h), e.key, parseVersionId(e.versionId)))),

  PutObjectRetention: async (h, e) => {
    const bucket = requireBucket(h);
    const retention = parseRetention(await readXmlBody(h.req.headers, h.body(), LOCK_BODY_LIMIT, h.req.body));
    await putObjectRetention(h.ctx, bucket, e.key, parseVersionId(e.versionId), retention, bypassGovernance(h.req.headers));
    return emptyResponse(200);
  },

  GetObjectLegalHold: async (h, e) =>
    xmlResponse(200, renderLegalHold(await getObjectLegalHold(h.ctx, requireBucket(h), e.key, parseVersionId(e.versionId)))),

  PutObjectLegalHold: async (h, e) => {
    const bucket = requireBucket(h);
    const on = parseLegalHold(await readXmlBody(h.req.headers, h.body(), LOCK_BODY_LIMIT, h.req.body));
    await putObjectLegalHold(h.ctx, bucket, e.key, parseVersionId(e.versionId), on);
    return emptyResponse(200);
  },
};
