import { findBucketConfig, getBucketConfig, putBucketConfig } from '../../../core/buckets/bucket-config.js';
import type { CorsConfiguration } from '../../../core/cors/cors-rules.js';
import { corsConfigurationElements, parseCorsConfiguration } from '../../common/cors-xml.js';
import { el, xmlDocument } from '../../common/xml.js';
import { readXmlBody } from '../headers/body-input.js';
import { emptyResponse, requireBucket, xmlResponse, type OssHandlerTable } from './handler-context.js';

const CORS_BODY_LIMIT = 64 * 1024;

/** A bucket's CORS rules: the same `cors` document S3's PutBucketCors writes, with OSS's ResponseVary. */
export const corsHandlers: OssHandlerTable = {
  PutBucketCors: async (h) => {
    const bucket = requireBucket(h);
    const config = parseCorsConfiguration(await readXmlBody(h.req.headers, h.body(), CORS_BODY_LIMIT, h.req.body), {
      allowResponseVary: true,
    });
    await putBucketConfig(h.ctx, bucket, 'cors', config);
    return emptyResponse(200);
  },

  GetBucketCors: async (h) => {
    const config = await getBucketConfig<CorsConfiguration>(h.ctx, requireBucket(h), 'cors');
    return xmlResponse(200, xmlDocument(el('CORSConfiguration', corsConfigurationElements(config, { withResponseVary: true }))));
  },

  DeleteBucketCors: async (h) => {
    const bucket = requireBucket(h);
    if ((await findBucketConfig(h.ctx, bucket, 'cors')) !== undefined) await putBucketConfig(h.ctx, bucket, 'cors', null);
    return emptyResponse(204);
  },
};
