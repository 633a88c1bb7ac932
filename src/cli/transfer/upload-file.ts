import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { multipartEtag } from '../../core/checksums/multipart-checksum.js';
import type { RemoteStore } from '../remote/remote-store.js';
import { Interrupted, RemoteError, VerificationError } from '../usage-error.js';
import { CheckpointWriter, checkpointName, readCheckpoint } from './checkpoint-file.js';
import { choosePartSize, partCount, partRange, runPool } from './part-plan.js';
import type { TransferWorkers } from './transfer-workers.js';
import type { Progress } from './progress.js';

export interface TransferOptions {
  readonly partSize: number;
  readonly concurrency: number;
  readonly signal: AbortSignal;
  readonly progress: Progress;
  /** Directory of upload checkpoints. */
  readonly stateDir: string;
  readonly contentType?: string | undefined;
  /** The threads that move (and hash) the bytes of parts and ranges. */
  readonly workers: TransferWorkers;
  /** Downloads: hash what arrives to check it against the ETag (false: check the size only). */
  readonly verify: boolean;
}

export interface UploadResult {
  readonly source: string;
  /** The destination URL. */
  readonly destination: string;
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
  readonly etag: string;
  readonly multipart: boolean;
  readonly uploadId?: string;
  readonly parts: number;
  /** Parts sent by this run, and parts found already stored (a resume). */
  readonly partsSent: number;
  readonly partsReused: number;
  /** How the stored bytes were checked: the ETag computed from the MD5s, or the size. */
  readonly verified: 'etag' | 'size';
}

interface UploadCheckpoint {
  readonly version: 1;
  readonly endpoint: string;
  readonly bucket: string;
  readonly key: string;
  readonly file: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly partSize: number;
  readonly uploadId: string;
  /** Part number -> its MD5 (hex), which is also the ETag S3 and OSS give a part. */
  readonly parts: Record<string, string>;
}

/**
 * Uploads a local file: one PUT when it fits in a part, else a parallel multipart upload that resumes
 * from its checkpoint (verified against ListParts) after Ctrl-C, a kill or a network error. Every part
 * carries its Content-MD5 and the ETag it gets back is checked; so is the final multipart ETag.
 */
export async function uploadFile(store: RemoteStore, file: string, bucket: string, key: string, o: TransferOptions): Promise<UploadResult> {
  const info = await stat(file);
  const size = info.size;
  const partSize = choosePartSize(size, o.partSize);
  const base = { source: file, destination: `${store.dialect}://${bucket}/${key}`, bucket, key, size };
  if (size <= partSize) {
    o.progress.start(size, { source: file, destination: `${store.dialect}://${bucket}/${key}`, parts: 1 });
    const digest = await md5OfFile(file, 0, size);
    const etag = await store
      .putObject(bucket, key, () => createReadStream(file), size, {
        md5: digest,
        signal: o.signal,
        ...(o.contentType === undefined ? {} : { contentType: o.contentType }),
      })
      .catch((e: unknown) => {
        throw o.signal.aborted ? new Interrupted('interrupted before the upload finished; nothing was stored') : e;
      });
    checkEtag(etag, digest.toString('hex'), `${bucket}/${key}`);
    o.progress.add(size);
    o.progress.finish();
    return { ...base, etag, multipart: false, parts: 1, partsSent: 1, partsReused: 0, verified: etag === '' ? 'size' : 'etag' };
  }

  const absolute = path.resolve(file);
  const writer = new CheckpointWriter<UploadCheckpoint>(
    path.join(
      o.stateDir,
      'uploads',
      checkpointName(store.settings.endpoint, store.dialect, bucket, key, absolute, size, info.mtimeMs, partSize),
    ),
  );
  const total = partCount(size, partSize);
  {
    const stored = new Map<number, string>();
    let uploadId: string | undefined;
    const previous = await readCheckpoint<UploadCheckpoint>(writer.file);
    if (previous?.version === 1 && previous.size === size && previous.mtimeMs === info.mtimeMs && previous.partSize === partSize) {
      uploadId = await reusableParts(store, o.workers, file, previous, total, partSize, size, stored);
    }
    const resumed = uploadId !== undefined;
    uploadId ??= await store.createUpload(bucket, key, o.contentType);
    const checkpoint: UploadCheckpoint = {
      version: 1,
      endpoint: store.settings.endpoint,
      bucket,
      key,
      file: absolute,
      size,
      mtimeMs: info.mtimeMs,
      partSize,
      uploadId,
      parts: Object.fromEntries([...stored].map(([n, e]) => [String(n), e])),
    };
    writer.save(checkpoint);
    await writer.flush();

    const missing = Array.from({ length: total }, (_, i) => i + 1).filter((n) => !stored.has(n));
    o.progress.start(size, { source: file, destination: `${store.dialect}://${bucket}/${key}`, uploadId, parts: total, partSize });
    if (resumed) o.progress.event('resume', { uploadId, partsStored: stored.size, partsToSend: missing.length });
    for (const n of stored.keys()) {
      const [s, e] = partRange(n, partSize, size);
      o.progress.add(e - s);
    }
    const id = uploadId;
    await runPool(
      missing,
      o.concurrency,
      async (n) => {
        const [start, end] = partRange(n, partSize, size);
        // A transfer thread reads the part, hashes it and sends it with its Content-MD5.
        const { md5, etag } = await o.workers.sendPart(store.settings, { bucket, key, uploadId: id, partNumber: n, file, start, end });
        checkEtag(etag, md5, `part ${n}`);
        stored.set(n, md5);
        checkpoint.parts[String(n)] = md5;
        writer.save(checkpoint);
        o.progress.add(end - start);
        o.progress.event('part', { partNumber: n, size: end - start, etag });
      },
      o.signal,
    ).catch(async (e: unknown) => {
      await writer.flush();
      if (o.signal.aborted) throw interrupted(stored.size, total, id);
      throw e;
    });
    await writer.flush();
    if (o.signal.aborted) throw interrupted(stored.size, total, id);

    const ordered = Array.from({ length: total }, (_, i) => ({ partNumber: i + 1, etag: stored.get(i + 1) ?? '' }));
    const etag = await store.completeUpload(bucket, key, id, ordered);
    const expected = multipartEtag(ordered.map((p) => p.etag));
    let verified: 'etag' | 'size' = 'etag';
    if (/^[0-9a-f]{32}-\d+$/.test(etag)) {
      if (etag !== expected)
        throw new VerificationError(`${bucket}/${key}: the endpoint's ETag ${etag} is not the ${expected} of the parts sent`);
    } else {
      verified = 'size';
      const head = await store.headObject(bucket, key);
      if (head.size !== size) throw new VerificationError(`${bucket}/${key}: stored ${head.size} bytes, sent ${size}`);
    }
    await writer.remove();
    o.progress.finish();
    return {
      ...base,
      etag,
      multipart: true,
      uploadId: id,
      parts: total,
      partsSent: missing.length,
      partsReused: total - missing.length,
      verified,
    };
  }
}

/**
 * Which parts of an interrupted upload are already stored: ListParts, each part of the right size whose
 * ETag is the checkpoint's MD5 (or, for a part the checkpoint missed, the MD5 of the file's bytes).
 * Returns the upload id, or undefined when the upload is gone (completed or aborted meanwhile).
 */
async function reusableParts(
  store: RemoteStore,
  workers: TransferWorkers,
  file: string,
  cp: UploadCheckpoint,
  total: number,
  partSize: number,
  size: number,
  stored: Map<number, string>,
): Promise<string | undefined> {
  let listed;
  try {
    listed = await store.listParts(cp.bucket, cp.key, cp.uploadId);
  } catch (e) {
    // Gone (completed or aborted meanwhile), or an endpoint without ListParts: start a new upload.
    if (e instanceof RemoteError && (e.code === 'NoSuchUpload' || e.status === 404 || e.code === 'NotImplemented')) return undefined;
    throw e;
  }
  for (const p of listed) {
    if (p.partNumber < 1 || p.partNumber > total) continue;
    const [start, end] = partRange(p.partNumber, partSize, size);
    if (p.size !== end - start) continue;
    let known = cp.parts[String(p.partNumber)];
    known ??= await workers.md5(file, start, end);
    if (known === p.etag) stored.set(p.partNumber, known);
  }
  return cp.uploadId;
}

function interrupted(done: number, total: number, uploadId: string): Interrupted {
  return new Interrupted(`interrupted with ${done} of ${total} parts stored (upload ${uploadId}); run the same command again to resume`);
}

/** A part's or object's ETag must be the MD5 of what was sent (unless the endpoint uses another form). */
function checkEtag(etag: string, md5Hex: string, what: string): void {
  if (/^[0-9a-f]{32}$/.test(etag) && etag !== md5Hex) {
    throw new VerificationError(`${what}: the endpoint stored ETag ${etag}, the bytes sent have MD5 ${md5Hex}`);
  }
}

export async function md5OfFile(file: string, start: number, end: number): Promise<Buffer> {
  const h = createHash('md5');
  if (end > start) for await (const c of createReadStream(file, { start, end: end - 1 })) h.update(c as Buffer);
  return h.digest();
}
