import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { multipartEtag } from '../../core/checksums/multipart-checksum.js';
import type { ObjectHead, RemoteStore } from '../remote/remote-store.js';
import { Interrupted, RemoteError, VerificationError } from '../usage-error.js';
import { CheckpointWriter, readCheckpoint } from './checkpoint-file.js';
import { partCount, runPool } from './part-plan.js';
import type { TransferOptions } from './upload-file.js';

export interface DownloadResult {
  /** The source URL. */
  readonly source: string;
  readonly bucket: string;
  readonly key: string;
  readonly destination: string;
  readonly size: number;
  readonly etag: string;
  readonly ranges: number;
  readonly rangesFetched: number;
  readonly rangesReused: number;
  /** md5: the whole file's MD5 is the ETag; etag: the ranges' MD5s give the multipart ETag; size: only the size could be checked. */
  readonly verified: 'md5' | 'etag' | 'size';
}

interface DownloadCheckpoint {
  readonly version: 1;
  readonly etag: string;
  readonly size: number;
  readonly rangeSize: number;
  /** Range index (0-based) -> the MD5 (hex) of its bytes. */
  readonly done: Record<string, string>;
}

/**
 * Downloads an object into a file in parallel byte ranges, into `dest.cairn-download` first with a
 * checkpoint beside it, renamed into place once complete and verified. A re-run after an interruption
 * fetches only the ranges not yet written (with If-Match, so a changed object starts over).
 * A multipart object is fetched in the ranges of its own parts where they can be found (HEAD
 * ?partNumber=1), so the multipart ETag can be checked from the ranges' MD5s.
 */
export async function downloadFile(
  store: RemoteStore,
  bucket: string,
  key: string,
  dest: string,
  o: TransferOptions,
): Promise<DownloadResult> {
  const head = await store.headObject(bucket, key);
  const size = head.size;
  const { rangeSize, aligned } = await chooseRangeSize(store, bucket, key, head, o.partSize);
  const ranges = partCount(size, rangeSize);
  const temp = `${dest}.cairn-download`;
  const writer = new CheckpointWriter<DownloadCheckpoint>(`${temp}.json`);
  let cp = await readCheckpoint<DownloadCheckpoint>(writer.file);
  if (cp?.version !== 1 || cp.etag !== head.etag || cp.size !== size || cp.rangeSize !== rangeSize || !(await exists(temp, size)))
    cp = undefined;
  const checkpoint: DownloadCheckpoint = cp ?? { version: 1, etag: head.etag, size, rangeSize, done: {} };
  const fh = await open(temp, cp === undefined ? 'w' : 'r+');
  try {
    if (cp === undefined) {
      await fh.truncate(size);
      writer.save(checkpoint);
      await writer.flush();
    }
    // A range written by a run with --no-verify has no MD5: a verifying run fetches it again.
    const isDone = (i: number) => {
      const d = checkpoint.done[String(i)];
      return d !== undefined && (d !== '' || !o.verify);
    };
    const missing = Array.from({ length: ranges }, (_, i) => i).filter((i) => !isDone(i));
    o.progress.start(size, { source: `${store.dialect}://${bucket}/${key}`, destination: dest, ranges, rangeSize });
    if (cp !== undefined) o.progress.event('resume', { rangesStored: ranges - missing.length, rangesToFetch: missing.length });
    for (let i = 0; i < ranges; i++) if (isDone(i)) o.progress.add(rangeBytes(i, rangeSize, size));
    await runPool(
      missing,
      o.concurrency,
      async (i) => {
        const start = i * rangeSize;
        const end = Math.min(size, start + rangeSize);
        const digest = await o.workers.fetchRange(
          store.settings,
          { bucket, key, etag: head.etag, start, end, whole: ranges === 1, file: temp, hash: o.verify },
          (n) => o.progress.add(n),
        );
        checkpoint.done[String(i)] = digest;
        writer.save(checkpoint);
        o.progress.event('range', { index: i, start, size: end - start });
      },
      o.signal,
    ).catch(async (e: unknown) => {
      await writer.flush();
      if (o.signal.aborted)
        throw new Interrupted(
          `interrupted with ${ranges - missingCount(checkpoint, ranges)} of ${ranges} ranges written; run the same command again to resume`,
        );
      if (e instanceof RemoteError && e.status === 412)
        throw new VerificationError(`${bucket}/${key} changed during the download; run it again`);
      throw e;
    });
    await writer.flush();
    if (o.signal.aborted) throw new Interrupted('interrupted; run the same command again to resume');
    const verified = await (o.verify ? verify(head, temp, checkpoint, ranges, size, aligned) : sizeOnly(temp, size)).catch(
      async (e: unknown) => {
        // Bytes that do not match are no base for a resume: the next run starts over.
        if (e instanceof VerificationError) await Promise.all([rm(temp, { force: true }), writer.remove()]);
        throw e;
      },
    );
    await fh.close();
    await rename(temp, dest);
    await writer.remove();
    o.progress.finish();
    return {
      source: `${store.dialect}://${bucket}/${key}`,
      bucket,
      key,
      destination: dest,
      size,
      etag: head.etag,
      ranges,
      rangesFetched: missing.length,
      rangesReused: ranges - missing.length,
      verified,
    };
  } finally {
    await fh.close().catch(() => undefined);
  }
}

function missingCount(cp: DownloadCheckpoint, ranges: number): number {
  let n = 0;
  for (let i = 0; i < ranges; i++) if (cp.done[String(i)] === undefined) n++;
  return n;
}

const rangeBytes = (i: number, rangeSize: number, size: number) => Math.min(size, (i + 1) * rangeSize) - i * rangeSize;

async function exists(file: string, size: number): Promise<boolean> {
  try {
    return (await stat(file)).size === size;
  } catch {
    return false;
  }
}

/** The size of the object's own parts when they are uniform and known (aligned), else the part size asked for. */
async function chooseRangeSize(
  store: RemoteStore,
  bucket: string,
  key: string,
  head: ObjectHead,
  wanted: number,
): Promise<{ rangeSize: number; aligned: boolean }> {
  const parts = /-(\d+)$/.exec(head.etag)?.[1];
  const plain = { rangeSize: Math.max(1, wanted), aligned: false };
  if (parts === undefined || store.dialect !== 's3') return plain;
  try {
    const res = await store.request({ method: 'HEAD', bucket, key, query: [['partNumber', '1']] });
    res.body.resume();
    const count = Number(res.headers['x-amz-mp-parts-count']);
    const partSize = Number(res.headers['content-length']);
    if (count === Number(parts) && partSize > 0 && partCount(head.size, partSize) === count) return { rangeSize: partSize, aligned: true };
  } catch {
    // the endpoint does not serve parts: plain ranges
  }
  return plain;
}

async function verify(
  head: ObjectHead,
  temp: string,
  cp: DownloadCheckpoint,
  ranges: number,
  size: number,
  aligned: boolean,
): Promise<DownloadResult['verified']> {
  const md5s = Array.from({ length: ranges }, (_, i) => cp.done[String(i)] ?? '');
  if (/^[0-9a-f]{32}$/.test(head.etag)) {
    const whole = ranges === 1 ? md5s[0] : await md5File(temp);
    if (whole !== head.etag) throw new VerificationError(`the bytes received have MD5 ${whole ?? ''}, the object's ETag is ${head.etag}`);
    return 'md5';
  }
  if (/^[0-9a-f]{32}-\d+$/.test(head.etag) && Number(head.etag.split('-')[1]) === ranges && cp.rangeSize > 0) {
    const computed = multipartEtag(md5s);
    if (computed === head.etag) return 'etag';
    if (aligned) throw new VerificationError(`the parts received give ETag ${computed}, the object's is ${head.etag}`);
    // Ranges that are not the object's parts (the parts were uneven): only the size can be checked.
  }
  if ((await stat(temp)).size !== size) throw new VerificationError(`received ${(await stat(temp)).size} of ${size} bytes`);
  return 'size';
}

async function sizeOnly(temp: string, size: number): Promise<'size'> {
  const got = (await stat(temp)).size;
  if (got !== size) throw new VerificationError(`received ${got} of ${size} bytes`);
  return 'size';
}

async function md5File(file: string): Promise<string> {
  const h = createHash('md5');
  for await (const c of createReadStream(file)) h.update(c as Buffer);
  return h.digest('hex');
}

export async function removeDownload(dest: string): Promise<void> {
  await rm(`${dest}.cairn-download`, { force: true });
  await rm(`${dest}.cairn-download.json`, { force: true });
}
