import type { RawHttpResponse } from '../support/raw-http.js';

export type DialectName = 's3' | 'oss' | 'glacier' | 'admin';

const S3_ERROR =
  /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<Error><Code>([A-Za-z0-9.]+)<\/Code><Message>[^<]*<\/Message><Resource>[^<]*<\/Resource><RequestId>[0-9A-F]+<\/RequestId>/;
const OSS_ERROR =
  /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<Error><Code>([A-Za-z0-9.]+)<\/Code><Message>[^<]*<\/Message><RequestId>[0-9A-F]+<\/RequestId><HostId>[^<]*<\/HostId>/;

/**
 * Why a response is not an error in the dialect's format, or undefined when it is. A client's parser
 * is what cares: S3's `<Error><Code><Message><Resource><RequestId>` with x-amz-request-id, OSS's
 * `<Error><Code><Message><RequestId><HostId>` with x-oss-request-id (for HEAD, the same document
 * base64-encoded in x-oss-err), Glacier's JSON `{code, message, type}` with x-amzn-RequestId, the admin
 * API's `{error: {code, message, requestId}}`. Also returns the error code it found.
 */
export function checkErrorFormat(dialect: DialectName, method: string, res: RawHttpResponse): { problem?: string; code?: string } {
  const body = res.body.toString('utf8');
  const header = (name: string) => {
    const v = res.headers[name];
    return Array.isArray(v) ? v.join(', ') : v;
  };
  switch (dialect) {
    case 's3': {
      if (header('x-amz-request-id') === undefined) return { problem: 'no x-amz-request-id' };
      if (header('x-oss-request-id') !== undefined) return { problem: 'an OSS header on an S3 error' };
      if (method === 'HEAD' || res.status === 304) return res.body.length === 0 ? {} : { problem: 'a body on a HEAD error' };
      const m = S3_ERROR.exec(body);
      return m === null ? { problem: `not an S3 error document: ${body.slice(0, 200)}` } : { code: m[1]! };
    }
    case 'oss': {
      if (header('x-oss-request-id') === undefined) return { problem: 'no x-oss-request-id' };
      if (header('x-amz-request-id') !== undefined) return { problem: 'an S3 header on an OSS error' };
      if (res.status === 304) return {};
      const doc = method === 'HEAD' ? Buffer.from(header('x-oss-err') ?? '', 'base64').toString('utf8') : body;
      const m = OSS_ERROR.exec(doc);
      if (m === null) return { problem: `not an OSS error document: ${doc.slice(0, 200)}` };
      if (/<Resource>/.test(doc)) return { problem: 'an S3 Resource element in an OSS error' };
      return { code: m[1]! };
    }
    case 'glacier': {
      if (header('x-amzn-requestid') === undefined) return { problem: 'no x-amzn-RequestId' };
      if (!String(header('content-type')).startsWith('application/json')) return { problem: `content-type ${header('content-type')}` };
      try {
        const v = JSON.parse(body) as { code?: unknown; message?: unknown; type?: unknown };
        if (typeof v.code !== 'string' || typeof v.message !== 'string' || (v.type !== 'Client' && v.type !== 'Server')) {
          return { problem: `not a Glacier error: ${body.slice(0, 200)}` };
        }
        return { code: v.code };
      } catch {
        return { problem: `not JSON: ${body.slice(0, 200)}` };
      }
    }
    case 'admin': {
      if (!String(header('content-type')).startsWith('application/json')) return { problem: `content-type ${header('content-type')}` };
      try {
        const v = JSON.parse(body) as { error?: { code?: unknown; message?: unknown; requestId?: unknown } };
        const e = v.error;
        if (typeof e?.code !== 'string' || typeof e.message !== 'string' || typeof e.requestId !== 'string') {
          return { problem: `not an admin error: ${body.slice(0, 200)}` };
        }
        return { code: e.code };
      } catch {
        return { problem: `not JSON: ${body.slice(0, 200)}` };
      }
    }
  }
}
