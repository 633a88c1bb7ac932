import type { WireRequest } from '../dialects/common/wire.js';

export interface AccessLogEntry {
  readonly request: WireRequest;
  readonly status: number;
  readonly bytesIn: number;
  readonly bytesOut: number;
  readonly ms: number;
}

/** One JSON line per request. */
export function formatAccessLog(e: AccessLogEntry): string {
  const r = e.request;
  return JSON.stringify({
    time: new Date(r.receivedAt).toISOString(),
    requestId: r.id,
    remote: r.remoteAddress,
    method: r.method,
    path: r.rawPath,
    dialect: r.log.dialect,
    operation: r.log.operation,
    stage: r.log.stage,
    bucket: r.log.bucket,
    key: r.log.key,
    accessKeyId: r.log.accessKeyId,
    status: e.status,
    errorCode: r.log.errorCode,
    bytesIn: e.bytesIn,
    bytesOut: e.bytesOut,
    ms: e.ms,
  });
}
