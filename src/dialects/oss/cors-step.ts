import type { CoreContext } from '../../core/context.js';
import { answerPreflight } from '../common/cors-step.js';
import type { WireRequest, WireResponse } from '../common/wire.js';
import { el, xmlDocument } from '../common/xml.js';
import { locateOssResource, type OssRouterOptions } from './locate-oss-resource.js';

/** OSS's CORS preflight (OPTIONS): the common answer from the bucket's rules, with OSS's error document. */
export async function ossPreflight(ctx: CoreContext, req: WireRequest, options: OssRouterOptions): Promise<WireResponse> {
  let bucket: string | undefined;
  try {
    bucket = locateOssResource(req, options).bucket;
  } catch {
    bucket = undefined;
  }
  return answerPreflight(ctx, req, bucket, corsError);
}

function corsError(req: WireRequest, status: number, code: string, message: string): WireResponse {
  const body = xmlDocument(
    el('Error', [
      el('Code', code),
      el('Message', message),
      el('RequestId', req.id),
      el('HostId', (req.headers.host ?? '').replace(/:\d+$/, '')),
    ]),
  );
  return { status, headers: { 'content-type': 'application/xml' }, body };
}
