import { treeHashFromHashes } from '../../../core/checksums/index.js';
import { findObject } from '../../../core/objects/find-object.js';
import { StorageError } from '../../../core/errors.js';
import type { PartRecord, UploadRecord } from '../../../core/types.js';
import { abortUpload } from '../../../core/uploads/abort-upload.js';
import { completeUpload } from '../../../core/uploads/complete-upload.js';
import { createUpload } from '../../../core/uploads/create-upload.js';
import { findActiveUpload, findUpload, noSuchUpload } from '../../../core/uploads/find-upload.js';
import { listParts } from '../../../core/uploads/list-parts.js';
import { listUploads } from '../../../core/uploads/list-uploads.js';
import { uploadPart } from '../../../core/uploads/upload-part.js';
import { parseContentRange } from '../content-range.js';
import { newArchiveId, treeHashHeader, validateDescription } from '../glacier-names.js';
import { archiveBody, withChecksumMessage } from './archive-body.js';
import { json } from '../json/response-json.js';
import {
  arnOf,
  empty,
  iso,
  limitOf,
  locationOf,
  markerOf,
  requireVault,
  type GlacierHandlerContext,
  type GlacierHandlerTable,
} from './handler-context.js';

const MiB = 1024 * 1024;
const MAX_PART_SIZE = 4096 * MiB;
const MAX_PARTS = 10_000;

/**
 * Glacier multipart uploads are the core's uploads with Glacier's rules: the archive id is the upload's
 * key, a part is the byte range `Content-Range` names (part number = start / partSize + 1), every part
 * carries its tree hash, and completion checks the archive's size and tree hash from the stored part
 * tree hashes alone.
 */
export const multipartHandlers: GlacierHandlerTable = {
  InitiateMultipartUpload: async (h, e) => {
    const vault = requireVault(h);
    const partSize = parsePartSize(h.req.headers['x-amz-part-size']);
    const description = validateDescription(h.req.headers['x-amz-archive-description'], 'archive description');
    const upload = await createUpload(h.ctx, {
      bucket: vault,
      key: newArchiveId(vault),
      attributes: { userMetadata: {}, storageClass: 'archive' },
      initiator: h.principal,
      extra: {
        partSize,
        ...(description === undefined ? {} : { description }),
        partDigests: ['sha256-tree'],
        objectExtra: description === undefined ? {} : { description },
      },
    });
    return empty(201, {
      location: locationOf(h, e.vaultName, `/multipart-uploads/${upload.id}`),
      'x-amz-multipart-upload-id': upload.id,
    });
  },

  UploadMultipartPart: async (h, e) => {
    const vault = requireVault(h);
    const upload = await findActiveUpload(h.ctx, vault, undefined, e.uploadId);
    const partSize = partSizeOf(upload);
    const range = parseContentRange(h.req.headers['content-range']);
    const rangeText = `bytes ${range.start}-${range.end}/*`;
    if (range.start % partSize !== 0 || range.end - range.start + 1 > partSize) {
      throw new StorageError(
        'InvalidArgument',
        `Content-Range: ${rangeText} does not align with the part size of ${partSize} bytes: a part starts at a multiple of the part size and is at most that long.`,
      );
    }
    const { body, length } = archiveBody(h);
    if (length !== range.end - range.start + 1) {
      throw new StorageError('InvalidArgument', `Content-Range: ${rangeText} is incompatible with Content-Length: ${length}`);
    }
    const partNumber = range.start / partSize + 1;
    if (partNumber > MAX_PARTS) {
      throw new StorageError(
        'TooManyParts',
        `This is part number ${partNumber} for the current multipart upload. It exceeds the limit of ${MAX_PARTS} parts.`,
      );
    }
    const part = await withChecksumMessage(uploadPart(h.ctx, { bucket: vault, key: upload.key, uploadId: upload.id, partNumber, body }));
    return empty(204, { 'x-amz-sha256-tree-hash': part.digests['sha256-tree'] ?? '' });
  },

  CompleteMultipartUpload: async (h, e) => {
    const vault = requireVault(h);
    const sizeText = requiredHeader(h, 'x-amz-archive-size');
    const hashText = requiredHeader(h, 'x-amz-sha256-tree-hash');
    if (!/^\d{1,16}$/.test(sizeText.trim()) || Number(sizeText) === 0) {
      throw new StorageError('InvalidArgument', `Invalid x-amz-archive-size: ${sizeText}`, { ArgumentName: 'x-amz-archive-size' });
    }
    const size = Number(sizeText.trim());
    const treeHash = treeHashHeader(hashText);
    const upload = await findUpload(h.ctx, vault, undefined, e.uploadId);
    if (upload === undefined || upload.state === 'aborted') throw noSuchUpload(e.uploadId);
    const done = (archiveId: string) =>
      empty(201, {
        location: locationOf(h, e.vaultName, `/archives/${archiveId}`),
        'x-amz-archive-id': archiveId,
        'x-amz-sha256-tree-hash': treeHash,
      });
    if (upload.state === 'completed') {
      // A retry shortly after success answers with the same archive id, if it asks for the same archive.
      const result = upload.result;
      const archive = result === null ? undefined : await findObject(h.ctx, vault, result.key);
      if (result !== null && result.size === size && (archive === undefined || archive.digests['sha256-tree'] === treeHash)) {
        return done(result.key);
      }
      throw new StorageError('InvalidArgument', `The multipart upload ${e.uploadId} was completed with another archive size or tree hash.`);
    }
    const partSize = partSizeOf(upload);
    const parts = (await listParts(h.ctx, { bucket: vault, key: undefined, uploadId: upload.id, partNumberMarker: 0, maxParts: MAX_PARTS }))
      .parts;
    checkParts(parts, partSize, size);
    const combined = treeHashFromHashes(parts.map((p) => Buffer.from(p.digests['sha256-tree'] ?? '', 'hex'))).toString('hex');
    if (combined !== treeHash) throw new StorageError('ChecksumMismatch', `Invalid x-amz-sha256-tree-hash: ${hashText}`);
    const result = await completeUpload(h.ctx, {
      bucket: vault,
      key: upload.key,
      uploadId: upload.id,
      parts: parts.map((p) => ({ partNumber: p.partNumber, etag: p.etag })),
      minPartSize: partSize,
    });
    return done(result.key);
  },

  AbortMultipartUpload: async (h, e) => {
    await abortUpload(h.ctx, requireVault(h), undefined, e.uploadId);
    return empty(204);
  },

  ListParts: async (h, e) => {
    const vault = requireVault(h);
    const limit = limitOf(h, 50);
    const marker = markerOf(h);
    if (marker !== undefined && !/^\d{1,5}$/.test(marker)) {
      throw new StorageError('InvalidArgument', `Invalid marker: ${marker}`, { ArgumentName: 'marker' });
    }
    const page = await listParts(h.ctx, {
      bucket: vault,
      key: undefined,
      uploadId: e.uploadId,
      partNumberMarker: marker === undefined ? 0 : Number(marker),
      maxParts: limit,
    });
    const u = page.upload;
    const partSize = partSizeOf(u);
    return json(200, {
      ArchiveDescription: descriptionOf(u),
      CreationDate: iso(u.initiatedAt),
      Marker: page.isTruncated && page.nextPartNumberMarker !== undefined ? String(page.nextPartNumberMarker) : null,
      MultipartUploadId: u.id,
      PartSizeInBytes: partSize,
      Parts: page.parts.map((p) => ({ RangeInBytes: rangeOf(p, partSize), SHA256TreeHash: p.digests['sha256-tree'] ?? null })),
      VaultARN: arnOf(h, vault.name),
    });
  },

  ListMultipartUploads: async (h) => {
    const vault = requireVault(h);
    const limit = limitOf(h, 50);
    const marker = markerOf(h);
    let after: UploadRecord | undefined;
    if (marker !== undefined) {
      after = await findUpload(h.ctx, vault, undefined, marker);
      if (after === undefined) throw new StorageError('InvalidArgument', `Invalid marker: ${marker}`, { ArgumentName: 'marker' });
    }
    const page = await listUploads(h.ctx, {
      bucket: vault,
      prefix: '',
      ...(after === undefined ? {} : { keyMarker: after.key, uploadIdMarker: after.id }),
      maxUploads: limit,
    });
    const last = page.uploads.at(-1);
    return json(200, {
      Marker: page.isTruncated && last !== undefined ? last.id : null,
      UploadsList: page.uploads.map((u) => uploadJson(h, u)),
    });
  },
};

function uploadJson(h: GlacierHandlerContext, u: UploadRecord) {
  return {
    ArchiveDescription: descriptionOf(u),
    CreationDate: iso(u.initiatedAt),
    MultipartUploadId: u.id,
    PartSizeInBytes: partSizeOf(u),
    VaultARN: arnOf(h, requireVault(h).name),
  };
}

/** 1 MiB × 2^n up to 4 GiB. */
function parsePartSize(value: string | undefined): number {
  const text = value?.trim();
  const n = text === undefined || !/^\d{1,16}$/.test(text) ? Number.NaN : Number(text);
  const leaves = n / MiB;
  if (!Number.isInteger(leaves) || leaves < 1 || n > MAX_PART_SIZE || (leaves & (leaves - 1)) !== 0) {
    throw new StorageError(
      'InvalidArgument',
      `Invalid part size: ${value ?? 'null'}. Part size must not be null, must be a power of two and be between 1048576 and 4294967296 bytes.`,
      { ArgumentName: 'x-amz-part-size' },
    );
  }
  return n;
}

function partSizeOf(upload: UploadRecord): number {
  const size = upload.extra.partSize;
  // An upload another dialect started (S3 or OSS into the same bucket namespace) never reaches here.
  if (typeof size !== 'number') throw noSuchUpload(upload.id);
  return size;
}

function descriptionOf(upload: UploadRecord): string | null {
  return typeof upload.extra.description === 'string' ? upload.extra.description : null;
}

function rangeOf(p: PartRecord, partSize: number): string {
  const start = (p.partNumber - 1) * partSize;
  return `${start}-${start + p.size - 1}`;
}

function requiredHeader(h: GlacierHandlerContext, name: string): string {
  const v = h.req.headers[name];
  if (v === undefined || v.trim() === '') {
    throw new StorageError('MissingParameter', `Required parameter missing: ${name}`, { ParameterName: name });
  }
  return v;
}

/** Parts 1..n for ⌈size / partSize⌉ = n, each exactly partSize but the last, which holds the rest. */
function checkParts(parts: readonly PartRecord[], partSize: number, size: number): void {
  const count = Math.ceil(size / partSize);
  const byNumber = new Map(parts.map((p) => [p.partNumber, p]));
  for (let n = 1; n <= count; n++) {
    const part = byNumber.get(n);
    const start = (n - 1) * partSize;
    const want = n < count ? partSize : size - start;
    if (part === undefined) {
      throw new StorageError('InvalidPart', `The multipart upload is missing the range ${start}-${start + want - 1}.`);
    }
    if (part.size !== want) {
      throw new StorageError(
        'InvalidPart',
        n < count
          ? `The part at ${rangeOf(part, partSize)} is ${part.size} bytes; every part but the last must be exactly the part size of ${partSize} bytes.`
          : `The archive size ${size} does not match the parts uploaded: the last part at ${rangeOf(part, partSize)} is ${part.size} bytes, not ${want}.`,
      );
    }
  }
  const beyond = parts.find((p) => p.partNumber > count);
  if (beyond !== undefined) {
    throw new StorageError(
      'InvalidPart',
      `The archive size ${size} does not match the parts uploaded: a part lies at ${rangeOf(beyond, partSize)}.`,
    );
  }
}
