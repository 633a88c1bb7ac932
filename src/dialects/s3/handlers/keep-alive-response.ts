import { StorageError, isStorageError } from '../../../core/errors.js';
import type { WireResponse } from '../../common/wire.js';
import { XML_DECLARATION } from '../../common/xml.js';
import { renderS3Error } from '../render-s3-error.js';
import type { S3HandlerContext } from './handler-context.js';

const KEEP_ALIVE_EVERY_MS = 5_000;

/**
 * Answers with `render(result)` when `work` finishes within `h.keepAliveAfterMs` (errors then get their own status). When it
 * does not, answers 200 at once and sends whitespace until it finishes, then the result document or the
 * error document in the body, as S3 does for CompleteMultipartUpload.
 */
export async function keepAliveUntil<T>(
  h: S3HandlerContext,
  work: Promise<T>,
  render: (result: T) => string,
  headersOf: (result: T) => Record<string, string> = () => ({}),
): Promise<WireResponse> {
  const settled = work.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  let timer: NodeJS.Timeout | undefined;
  // 0 means: always answer early (tests use it to exercise this path).
  const early =
    h.keepAliveAfterMs <= 0
      ? undefined
      : await Promise.race([
          settled,
          new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), h.keepAliveAfterMs))),
        ]);
  clearTimeout(timer);
  if (early !== undefined) {
    if (!early.ok) throw early.error;
    return { status: 200, headers: { 'content-type': 'application/xml', ...headersOf(early.value) }, body: render(early.value) };
  }
  async function* body(): AsyncIterable<Uint8Array> {
    yield Buffer.from(`${XML_DECLARATION}\n`);
    for (;;) {
      let tick: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        settled,
        new Promise<undefined>((resolve) => (tick = setTimeout(() => resolve(undefined), KEEP_ALIVE_EVERY_MS))),
      ]);
      clearTimeout(tick);
      if (outcome === undefined) {
        yield Buffer.from(' ');
        continue;
      }
      const document = outcome.ok ? render(outcome.value) : errorDocument(h, outcome.error);
      yield Buffer.from(stripDeclaration(document));
      return;
    }
  }
  return { status: 200, headers: { 'content-type': 'application/xml' }, body: body() };
}

function errorDocument(h: S3HandlerContext, error: unknown): string {
  const e = isStorageError(error) ? error : new StorageError('InternalError');
  if (!isStorageError(error)) h.ctx.log.error('request failed after the response started', { requestId: h.req.id, error: String(error) });
  const rendered = renderS3Error(e, { requestId: h.req.id, resource: h.req.rawPath, method: h.req.method });
  return typeof rendered.body === 'string' ? rendered.body : '';
}

function stripDeclaration(document: string): string {
  return document.startsWith(XML_DECLARATION) ? document.slice(XML_DECLARATION.length).replace(/^\s+/, '') : document;
}
