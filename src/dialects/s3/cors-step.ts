import type { CoreContext } from '../../core/context.js';
import { answerPreflight, withCors } from '../common/cors-step.js';
import type { WireRequest, WireResponse } from '../common/wire.js';
import { el } from '../common/xml.js';
import { xmlDocument } from '../common/xml-writer.js';
import { locateS3Resource, type S3RouterOptions } from './locate-s3-resource.js';

/** S3's CORS preflight (OPTIONS): the common answer, with S3's error document (Method, ResourceType). */
export async function s3Preflight(ctx: CoreContext, req: WireRequest, options: S3RouterOptions): Promise<WireResponse> {
  let bucket: string | undefined;
  try {
    bucket = locateS3Resource(req, options).bucket;
  } catch {
    bucket = undefined;
  }
  return answerPreflight(ctx, req, bucket, corsError);
}

/** The Access-Control-* headers of an actual S3 request from a browser. */
export function withS3Cors(ctx: CoreContext, req: WireRequest, response: WireResponse): Promise<WireResponse> {
  return withCors(ctx, req, response);
}

function corsError(req: WireRequest, status: number, code: string, message: string, method?: string): WireResponse {
  const body = xmlDocument(
    el('Error', [
      el('Code', code),
      el('Message', message),
      method !== undefined && el('Method', method),
      method !== undefined && el('ResourceType', req.rawPath.split('/').filter((p) => p !== '').length > 1 ? 'OBJECT' : 'BUCKET'),
      el('RequestId', req.id),
      el('HostId', req.id),
    ]),
  );
  return { status, headers: { 'content-type': 'application/xml' }, body };
}
