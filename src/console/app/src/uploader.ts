import { ApiError, del, path, post, putPart } from './api';

/** S3 allows 10,000 parts; parts are at least 8 MiB and grow for larger files so that any file fits. */
const MIN_PART = 8 * 1024 * 1024;
const MAX_PARTS = 10_000;
const IN_FLIGHT = 3;

export interface UploadProgress {
  readonly file: string;
  readonly key: string;
  readonly size: number;
  readonly sent: number;
  readonly startedAt: number;
  readonly state: 'running' | 'done' | 'cancelled' | 'failed';
  readonly etag?: string;
  readonly error?: string;
}

export function partSizeFor(size: number): number {
  return Math.max(MIN_PART, Math.ceil(size / MAX_PARTS / (1024 * 1024)) * 1024 * 1024);
}

/**
 * One file to one object through a multipart upload: create, parts a few at a time (each PUT reports
 * its progress), complete. Cancel stops the parts in flight and aborts the upload, so no part stays.
 */
export class FileUpload {
  private readonly controller = new AbortController();
  private uploadId: string | undefined;
  private readonly sentByPart = new Map<number, number>();
  progress: UploadProgress;

  constructor(
    private readonly bucket: string,
    private readonly file: File,
    key: string,
    private readonly onChange: (p: UploadProgress) => void,
  ) {
    this.progress = { file: file.name, key, size: file.size, sent: 0, startedAt: Date.now(), state: 'running' };
  }

  async run(): Promise<void> {
    try {
      const created = await post<{ uploadId: string }>(path('buckets', this.bucket, 'uploads'), {
        key: this.progress.key,
        ...(this.file.type === '' ? {} : { contentType: this.file.type }),
      });
      this.uploadId = created.uploadId;
      if (this.controller.signal.aborted) throw new ApiError(0, 'Cancelled', 'Cancelled.');
      const partSize = partSizeFor(this.file.size);
      const count = Math.max(1, Math.ceil(this.file.size / partSize));
      const etags: { partNumber: number; etag: string }[] = [];
      let next = 1;
      const worker = async () => {
        while (next <= count) {
          const n = next++;
          const blob = this.file.slice((n - 1) * partSize, Math.min(n * partSize, this.file.size));
          const r = await putPart(
            path('buckets', this.bucket, 'uploads', created.uploadId, 'parts', String(n)),
            blob,
            (sent) => this.sent(n, sent),
            this.controller.signal,
          );
          this.sent(n, blob.size);
          etags.push({ partNumber: n, etag: r.etag });
        }
      };
      await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, count) }, worker));
      etags.sort((a, b) => a.partNumber - b.partNumber);
      const done = await post<{ etag: string }>(path('buckets', this.bucket, 'uploads', created.uploadId, 'complete'), { parts: etags });
      this.update({ state: 'done', etag: done.etag, sent: this.file.size });
    } catch (e) {
      if (this.controller.signal.aborted) {
        await this.abortOnServer();
        this.update({ state: 'cancelled' });
      } else {
        this.controller.abort();
        await this.abortOnServer();
        this.update({ state: 'failed', error: e instanceof Error ? e.message : String(e) });
      }
    }
  }

  cancel(): void {
    this.controller.abort();
  }

  private async abortOnServer(): Promise<void> {
    if (this.uploadId === undefined) return;
    try {
      await del(path('buckets', this.bucket, 'uploads', this.uploadId));
    } catch {
      // Already gone, or the server is unreachable: Part Management still lists it then.
    }
  }

  private sent(part: number, bytes: number): void {
    this.sentByPart.set(part, bytes);
    let sent = 0;
    for (const v of this.sentByPart.values()) sent += v;
    this.update({ sent });
  }

  private update(change: Partial<UploadProgress>): void {
    this.progress = { ...this.progress, ...change };
    this.onChange(this.progress);
  }
}
