import { createHash } from 'node:crypto';
import { multipartEtag } from '../../core/checksums/multipart-checksum.js';
import type { RemoteStore } from '../remote/remote-store.js';
import { Interrupted, VerificationError } from '../usage-error.js';
import { choosePartSize, partCount, partRange, runPool } from './part-plan.js';
import type { TransferOptions } from './upload-file.js';

export interface CopyResult {
  readonly source: string;
  readonly destination: string;
  readonly size: number;
  readonly etag: string;
  /** server: CopyObject or UploadPartCopy on one endpoint; stream: read from one, written to the other. */
  readonly method: 'server' | 'stream';
  readonly parts: number;
}

/** The largest object one CopyObject may copy: S3 5 GiB, OSS 1 GiB; larger ones go part by part. */
const copyLimit = { s3: 5 * 1024 ** 3, oss: 1024 ** 3 } as const;

function sameEndpoint(a: RemoteStore, b: RemoteStore): boolean {
  const x = a.settings;
  const y = b.settings;
  return x.dialect === y.dialect && x.endpoint === y.endpoint && x.accessKeyId === y.accessKeyId && x.region === y.region;
}

/**
 * Copies an object. On one endpoint the server copies (CopyObject, or UploadPartCopy in parallel for
 * large objects); between endpoints (S3 to OSS, or two servers) the bytes stream through, one part
 * buffered per concurrent upload, each part sent with its MD5.
 */
export async function copyRemote(
  from: RemoteStore,
  src: { bucket: string; key: string },
  to: RemoteStore,
  dst: { bucket: string; key: string },
  o: TransferOptions,
): Promise<CopyResult> {
  const head = await from.headObject(src.bucket, src.key);
  const size = head.size;
  const names = { source: `${from.dialect}://${src.bucket}/${src.key}`, destination: `${to.dialect}://${dst.bucket}/${dst.key}` };
  o.progress.start(size, names);
  const partSize = choosePartSize(size, o.partSize);
  if (sameEndpoint(from, to)) {
    if (size <= copyLimit[to.dialect]) {
      const etag = await to.copyObject(src, dst.bucket, dst.key);
      o.progress.add(size);
      o.progress.finish();
      return { ...names, size, etag, method: 'server', parts: 1 };
    }
    const uploadId = await to.createUpload(dst.bucket, dst.key, head.contentType);
    const total = partCount(size, partSize);
    const etags: string[] = [];
    try {
      await runPool(
        Array.from({ length: total }, (_, i) => i + 1),
        o.concurrency,
        async (n) => {
          const [s, e] = partRange(n, partSize, size);
          etags[n - 1] = await to.uploadPartCopy(src, [s, e - 1], dst.bucket, dst.key, uploadId, n);
          o.progress.add(e - s);
        },
        o.signal,
      );
      if (o.signal.aborted) throw new Interrupted('interrupted');
    } catch (e) {
      await to.abortUpload(dst.bucket, dst.key, uploadId).catch(() => undefined);
      throw e;
    }
    const etag = await to.completeUpload(
      dst.bucket,
      dst.key,
      uploadId,
      etags.map((etag, i) => ({ partNumber: i + 1, etag })),
    );
    o.progress.finish();
    return { ...names, size, etag, method: 'server', parts: total };
  }

  const res = await from.getObject(src.bucket, src.key, { signal: o.signal });
  if (size <= partSize) {
    const chunks: Buffer[] = [];
    for await (const c of res.body) chunks.push(c as Buffer);
    const data = Buffer.concat(chunks);
    if (data.length !== size) throw new VerificationError(`read ${data.length} of ${size} bytes from ${names.source}`);
    const digest = createHash('md5').update(data).digest();
    const etag = await to.putObject(dst.bucket, dst.key, data, data.length, {
      md5: digest,
      signal: o.signal,
      ...(head.contentType === undefined ? {} : { contentType: head.contentType }),
    });
    if (/^[0-9a-f]{32}$/.test(etag) && etag !== digest.toString('hex'))
      throw new VerificationError(`${names.destination}: ETag ${etag} is not the MD5 sent`);
    o.progress.add(size);
    o.progress.finish();
    return { ...names, size, etag, method: 'stream', parts: 1 };
  }
  const uploadId = await to.createUpload(dst.bucket, dst.key, head.contentType);
  const md5s: string[] = [];
  const inFlight = new Set<Promise<void>>();
  let failure: Error | undefined;
  let n = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const sendPart = (data: Buffer, number: number) => {
    const digest = createHash('md5').update(data).digest();
    md5s[number - 1] = digest.toString('hex');
    const p = to
      .uploadPart(dst.bucket, dst.key, uploadId, number, data, data.length, digest, o.signal)
      .then((etag) => {
        if (/^[0-9a-f]{32}$/.test(etag) && etag !== md5s[number - 1])
          throw new VerificationError(`part ${number}: ETag ${etag} is not the MD5 sent`);
        o.progress.add(data.length);
      })
      .catch((e: unknown) => {
        failure ??= e instanceof Error ? e : new Error(String(e));
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  try {
    for await (const chunk of res.body) {
      let c = chunk as Buffer;
      while (c.length > 0) {
        const take = Math.min(c.length, partSize - pendingBytes);
        pending.push(c.subarray(0, take));
        pendingBytes += take;
        c = c.subarray(take);
        if (pendingBytes === partSize) {
          sendPart(Buffer.concat(pending), ++n);
          pending = [];
          pendingBytes = 0;
          while (inFlight.size >= o.concurrency) await Promise.race(inFlight);
          if (failure !== undefined) throw failure;
        }
      }
    }
    if (pendingBytes > 0 || n === 0) sendPart(Buffer.concat(pending), ++n);
    await Promise.all(inFlight);
    if (failure !== undefined) throw failure;
  } catch (e) {
    await Promise.allSettled(inFlight);
    await to.abortUpload(dst.bucket, dst.key, uploadId).catch(() => undefined);
    throw o.signal.aborted ? new Interrupted('interrupted; the partial copy was aborted') : e;
  }
  const etag = await to.completeUpload(
    dst.bucket,
    dst.key,
    uploadId,
    md5s.map((m, i) => ({ partNumber: i + 1, etag: m })),
  );
  const expected = multipartEtag(md5s);
  if (/^[0-9a-f]{32}-\d+$/.test(etag) && etag !== expected)
    throw new VerificationError(`${names.destination}: ETag ${etag}, expected ${expected}`);
  o.progress.finish();
  return { ...names, size, etag, method: 'stream', parts: n };
}
