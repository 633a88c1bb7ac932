import { AdminApiError, callAdmin } from '../admin-client.js';
import type { RemoteStore } from '../remote/remote-store.js';
import type { Removal } from '../removal-plan.js';
import { RemoteError } from '../usage-error.js';

/** One incomplete multipart upload, wherever it was listed from. */
export interface UploadInfo {
  readonly bucket: string;
  readonly key: string;
  readonly uploadId: string;
  readonly initiated: string;
  readonly storageClass: string;
  readonly parts: number;
  readonly bytes: number;
  /** What its parts have cost so far (Cairn's usage ledger); null where the endpoint cannot tell. */
  readonly costSoFar: number | null;
  readonly removal: Removal;
}

export interface UploadListing {
  /** admin: Cairn's admin API (with costs); s3: ListMultipartUploads + ListParts. */
  readonly source: 'admin' | 's3';
  readonly currency: string | null;
  readonly uploads: UploadInfo[];
}

export interface UploadQuery {
  /** One bucket, or every bucket the credentials can list. */
  readonly bucket?: string | undefined;
  readonly prefix: string;
  /** Only uploads initiated before this (epoch ms). */
  readonly initiatedBefore?: number | undefined;
  /** 'auto': the admin API when the endpoint is Cairn; 's3': always the object API. */
  readonly api: 'auto' | 's3';
}

function info(store: RemoteStore, u: Omit<UploadInfo, 'removal'>): UploadInfo {
  return {
    ...u,
    removal: { kind: 'upload', url: `${store.dialect}://${u.bucket}/${u.key}`, bytes: u.bytes, uploadId: u.uploadId, parts: u.parts },
  };
}

/** The incomplete uploads of one bucket through the object API (ListParts per upload when `withParts`). */
export async function uploadsOfBucket(store: RemoteStore, bucket: string, prefix: string, withParts: boolean): Promise<UploadInfo[]> {
  const out: UploadInfo[] = [];
  for (const u of await store.listUploads(bucket, prefix)) {
    let parts = 0;
    let bytes = 0;
    if (withParts) {
      try {
        for (const p of await store.listParts(bucket, u.key, u.uploadId)) {
          parts++;
          bytes += p.size;
        }
      } catch (e) {
        if (!(e instanceof RemoteError && e.code === 'NoSuchUpload')) throw e;
        continue; // finished while we listed
      }
    }
    out.push(
      info(store, {
        bucket,
        key: u.key,
        uploadId: u.uploadId,
        initiated: u.initiated,
        storageClass: u.storageClass,
        parts,
        bytes,
        costSoFar: null,
      }),
    );
  }
  return out;
}

/** Whether the endpoint is Cairn with its admin API (answers whoami to these credentials). */
export async function hasAdminApi(store: RemoteStore): Promise<boolean> {
  if (store.dialect !== 's3') return false;
  try {
    await callAdmin(store.settings, 'GET', 'whoami');
    return true;
  } catch (e) {
    if (e instanceof AdminApiError || e instanceof SyntaxError) return false;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND') throw e;
    return false;
  }
}

interface AdminUpload {
  key: string;
  uploadId: string;
  initiated: string;
  partCount: number;
  bytes: number;
  storageClass: string;
  costSoFar?: number;
}

export async function findUploads(store: RemoteStore, q: UploadQuery): Promise<UploadListing> {
  const admin = q.api === 'auto' && (await hasAdminApi(store));
  let buckets: string[];
  if (q.bucket !== undefined) buckets = [q.bucket];
  else if (admin) {
    const list = (await callAdmin(store.settings, 'GET', 'buckets')) as { buckets: { name: string; uploads: number }[] };
    buckets = list.buckets.filter((b) => b.uploads > 0).map((b) => b.name);
  } else buckets = (await store.listBuckets()).map((b) => b.name);
  const uploads: UploadInfo[] = [];
  let currency: string | null = null;
  for (const bucket of buckets) {
    if (admin) {
      let pageToken: string | undefined;
      do {
        const page = (await callAdmin(store.settings, 'GET', `buckets/${encodeURIComponent(bucket)}/uploads`, {
          prefix: q.prefix,
          pageToken,
          limit: '1000',
        })) as { uploads: AdminUpload[]; currency?: string; nextPageToken?: string };
        currency = page.currency ?? currency;
        for (const u of page.uploads) {
          uploads.push(
            info(store, {
              bucket,
              key: u.key,
              uploadId: u.uploadId,
              initiated: u.initiated,
              storageClass: u.storageClass,
              parts: u.partCount,
              bytes: u.bytes,
              costSoFar: u.costSoFar ?? null,
            }),
          );
        }
        pageToken = page.nextPageToken;
      } while (pageToken !== undefined);
    } else uploads.push(...(await uploadsOfBucket(store, bucket, q.prefix, true)));
  }
  const before = q.initiatedBefore;
  return {
    source: admin ? 'admin' : 's3',
    currency,
    uploads: before === undefined ? uploads : uploads.filter((u) => Date.parse(u.initiated) < before),
  };
}
