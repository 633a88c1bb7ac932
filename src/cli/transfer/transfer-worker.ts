import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { EndpointSettings } from '../remote/endpoint-settings.js';
import { RemoteStore } from '../remote/remote-store.js';
import { RemoteError, VerificationError } from '../usage-error.js';

/**
 * A transfer thread: it fetches ranges into a file (writing and hashing them) and sends parts from a
 * file (reading and hashing them), with its own event loop and sockets, so that a large transfer uses
 * more than one core and a busy event loop never stalls the others' sockets.
 */
export type WorkerRequest =
  | {
      readonly op: 'get';
      readonly id: number;
      readonly settings: EndpointSettings;
      readonly bucket: string;
      readonly key: string;
      readonly etag: string;
      readonly start: number;
      readonly end: number;
      readonly whole: boolean;
      readonly file: string;
      readonly hash: boolean;
    }
  | {
      readonly op: 'put';
      readonly id: number;
      readonly settings: EndpointSettings;
      readonly bucket: string;
      readonly key: string;
      readonly uploadId: string;
      readonly partNumber: number;
      readonly file: string;
      readonly start: number;
      readonly end: number;
    }
  | { readonly op: 'md5'; readonly id: number; readonly file: string; readonly start: number; readonly end: number }
  | { readonly op: 'abort' };

export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly status?: number;
  readonly code?: string;
  readonly requestId?: string;
  readonly errno?: string;
}

export type WorkerReply =
  | { readonly op: 'progress'; readonly id: number; readonly bytes: number }
  | { readonly op: 'done'; readonly id: number; readonly md5: string; readonly etag?: string }
  | { readonly op: 'error'; readonly id: number; readonly error: WireError };

const BATCH = 1024 * 1024;
let controller = new AbortController();

function wire(e: unknown): WireError {
  if (e instanceof RemoteError)
    return {
      name: e.name,
      message: e.message,
      status: e.status,
      code: e.code,
      ...(e.requestId === undefined ? {} : { requestId: e.requestId }),
    };
  const err = e as NodeJS.ErrnoException;
  return { name: err.name ?? 'Error', message: err.message ?? String(e), ...(err.code === undefined ? {} : { errno: err.code }) };
}

function readRange(file: string, start: number, end: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const data = Buffer.allocUnsafe(end - start);
    let off = 0;
    while (off < data.length) {
      const n = readSync(fd, data, off, data.length - off, start + off);
      if (n === 0) throw new VerificationError('the file got shorter while it was being uploaded');
      off += n;
    }
    return data;
  } finally {
    closeSync(fd);
  }
}

async function get(m: Extract<WorkerRequest, { op: 'get' }>): Promise<WorkerReply> {
  const store = new RemoteStore(m.settings);
  const res = await store.getObject(m.bucket, m.key, {
    ...(m.whole || m.end === m.start ? {} : { range: [m.start, m.end - 1] as [number, number] }),
    ...(m.etag === '' ? {} : { ifMatch: m.etag }),
    signal: controller.signal,
  });
  const fd = openSync(m.file, 'r+');
  const h = m.hash ? createHash('md5') : undefined;
  const batch = Buffer.allocUnsafe(BATCH);
  let filled = 0;
  let at = m.start;
  const flush = () => {
    let off = 0;
    while (off < filled) off += writeSync(fd, batch, off, filled - off, at + off);
    h?.update(batch.subarray(0, filled));
    parentPort?.postMessage({ op: 'progress', id: m.id, bytes: filled } satisfies WorkerReply);
    at += filled;
    filled = 0;
  };
  try {
    for await (const chunk of res.body) {
      const c = chunk as Buffer;
      if (at + filled + c.length > m.end) throw new VerificationError(`the endpoint sent more than bytes ${m.start}-${m.end - 1}`);
      let off = 0;
      while (off < c.length) {
        const n = c.copy(batch, filled, off);
        off += n;
        filled += n;
        if (filled === BATCH) flush();
      }
    }
    if (filled > 0) flush();
  } finally {
    closeSync(fd);
  }
  if (at !== m.end) throw new VerificationError(`the endpoint sent ${at - m.start} of bytes ${m.start}-${m.end - 1}`);
  return { op: 'done', id: m.id, md5: h?.digest('hex') ?? '' };
}

async function put(m: Extract<WorkerRequest, { op: 'put' }>): Promise<WorkerReply> {
  const data = readRange(m.file, m.start, m.end);
  const digest = createHash('md5').update(data).digest();
  const etag = await new RemoteStore(m.settings).uploadPart(
    m.bucket,
    m.key,
    m.uploadId,
    m.partNumber,
    data,
    data.length,
    digest,
    controller.signal,
  );
  return { op: 'done', id: m.id, md5: digest.toString('hex'), etag };
}

parentPort?.on('message', (m: WorkerRequest) => {
  if (m.op === 'abort') {
    controller.abort();
    controller = new AbortController();
    return;
  }
  const work =
    m.op === 'get'
      ? get(m)
      : m.op === 'put'
        ? put(m)
        : Promise.resolve<WorkerReply>({
            op: 'done',
            id: m.id,
            md5: createHash('md5')
              .update(readRange(m.file, m.start, m.end))
              .digest('hex'),
          });
  work.then(
    (reply) => parentPort?.postMessage(reply),
    (e: unknown) => parentPort?.postMessage({ op: 'error', id: m.id, error: wire(e) } satisfies WorkerReply),
  );
});
