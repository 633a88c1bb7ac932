import { findBucketConfig, getBucketConfig, putBucketConfig } from '../../../core/buckets/bucket-config.js';
import type { CorsConfiguration } from '../../../core/cors/cors-rules.js';
import { corsConfigurationElements, parseCorsConfiguration } from '../../common/cors-xml.js';
import { s3Document } from '../xml/response-elements.js';
import { emptyResponse, requireBucket, xmlResponse, type S3HandlerTable } from './handler-context.js';
import { readXmlBody } from '../headers/body-input.js';

const CORS_BODY_LIMIT = 64 * 1024;

export const corsHandlers: S3HandlerTable = {
  PutBucketCors: async (h) => {
    const bucket = requireBucket(h);
    const config = parseCorsConfiguration(await readXmlBody(h.req.headers, h.body(), CORS_BODY_LIMIT, h.req.body), {
      allowResponseVary: false,
    });
    await putBucketConfig(h.ctx, bucket, 'cors', config);
    return emptyResponse(200);
  },

  GetBucketCors: async (h) => {
    const config = await getBucketConfig<CorsConfiguration>(h.ctx, requireBucket(h), 'cors');
    return xmlResponse(200, s3Document('CORSConfiguration', corsConfigurationElements(config, { withResponseVary: false })));
  },

  DeleteBucketCors: async (h) => {
    const bucket = requireBucket(h);
    if ((await findBucketConfig(h.ctx, bucket, 'cors')) !== undefined) await putBucketConfig(h.ctx, bucket, 'cors', null);
    return emptyResponse(204);
  },
};
