import { createHash } from 'node:crypto';
import { StorageError } from '../../../core/errors.js';
import type { EncryptionKeys, EncryptionRequest, StoredEncryption } from '../../../core/encryption/object-encryption.js';

type Headers = Readonly<Record<string, string>>;

const SSE = 'x-amz-server-side-encryption';
const KMS_KEY = 'x-amz-server-side-encryption-aws-kms-key-id';
const KMS_CONTEXT = 'x-amz-server-side-encryption-context';
const BUCKET_KEY = 'x-amz-server-side-encryption-bucket-key-enabled';

function invalid(message: string, name: string, value?: string): StorageError {
  return new StorageError('InvalidArgument', message, { ArgumentName: name, ...(value === undefined ? {} : { ArgumentValue: value }) });
}

/**
 * The encryption a write asks for (PutObject, CreateMultipartUpload, CopyObject's target): SSE-S3,
 * SSE-KMS or SSE-C, with S3's errors for conflicting or malformed headers. Undefined: none asked.
 */
export function parseSseWriteHeaders(headers: Headers): EncryptionRequest | undefined {
  const mode = headers[SSE];
  const customer = parseSseCustomerKey(headers, 'x-amz-');
  const kmsKey = headers[KMS_KEY];
  const context = headers[KMS_CONTEXT];
  const bucketKey = headers[BUCKET_KEY];
  if (customer !== undefined) {
    if (mode !== undefined || kmsKey !== undefined) {
      throw invalid('Server Side Encryption with Customer provided key is incompatible with the encryption method specified', SSE, mode);
    }
    return { kind: 'sse-c', customerKey: customer.customerKey };
  }
  if (mode === undefined) {
    if (kmsKey !== undefined) throw invalid('x-amz-server-side-encryption header is not specified with aws:kms', KMS_KEY, kmsKey);
    if (context !== undefined) throw invalid('x-amz-server-side-encryption header is not specified with aws:kms', KMS_CONTEXT);
    if (bucketKey !== undefined) throw invalid('x-amz-server-side-encryption header is not specified', BUCKET_KEY, bucketKey);
    return undefined;
  }
  const bucketKeyEnabled = parseBucketKey(bucketKey);
  if (mode === 'AES256') {
    if (kmsKey !== undefined || context !== undefined) {
      throw invalid('Server Side Encryption with AES256 is incompatible with a KMS key id or encryption context', KMS_KEY, kmsKey);
    }
    return { kind: 'sse-s3' };
  }
  if (mode === 'aws:kms') {
    if (kmsKey === undefined || kmsKey === '') {
      throw invalid('Server Side Encryption with aws:kms needs a KMS key id (x-amz-server-side-encryption-aws-kms-key-id)', KMS_KEY);
    }
    return {
      kind: 'sse-kms',
      keyId: kmsKey,
      ...(context === undefined ? {} : { context: parseKmsContext(context) }),
      ...(bucketKeyEnabled === undefined ? {} : { bucketKeyEnabled }),
    };
  }
  if (mode === 'aws:kms:dsse') {
    throw new StorageError('NotImplemented', 'Dual-layer server-side encryption (aws:kms:dsse) is not implemented.', { Header: SSE });
  }
  throw invalid(`The encryption method specified is not supported`, SSE, mode);
}

/**
 * An SSE-C key from `<prefix>server-side-encryption-customer-{algorithm,key,key-MD5}` (prefix `x-amz-`,
 * or `x-amz-copy-source-` for a copy's source). All three or none; AES256 only; a 256-bit key whose
 * MD5 matches.
 */
export function parseSseCustomerKey(headers: Headers, prefix: string): (EncryptionKeys & { customerKey: Buffer }) | undefined {
  const algorithmName = `${prefix}server-side-encryption-customer-algorithm`;
  const keyName = `${prefix}server-side-encryption-customer-key`;
  const md5Name = `${prefix}server-side-encryption-customer-key-md5`;
  const algorithm = headers[algorithmName];
  const key = headers[keyName];
  const md5 = headers[md5Name];
  if (algorithm === undefined && key === undefined && md5 === undefined) return undefined;
  if (algorithm === undefined) {
    throw invalid(
      'Requests specifying Server Side Encryption with Customer provided keys must provide a valid encryption algorithm.',
      algorithmName,
    );
  }
  if (algorithm !== 'AES256') throw invalid('The encryption algorithm specified is not valid.', algorithmName, algorithm);
  if (key === undefined) {
    throw invalid(
      'Requests specifying Server Side Encryption with Customer provided keys must provide an appropriate secret key.',
      keyName,
    );
  }
  const raw = Buffer.from(key, 'base64');
  if (raw.length !== 32 || raw.toString('base64') !== key.trim()) {
    throw invalid('The secret key was invalid for the specified algorithm.', keyName);
  }
  if (md5 === undefined) {
    throw invalid(
      'Requests specifying Server Side Encryption with Customer provided keys must provide the client calculated MD5 of the secret key.',
      md5Name,
    );
  }
  if (createHash('md5').update(raw).digest('base64') !== md5.trim()) {
    throw invalid('The calculated MD5 hash of the key did not match the hash that was provided.', md5Name);
  }
  return { customerKey: raw };
}

/** GET and HEAD take only SSE-C keys: an x-amz-server-side-encryption header there is an error, as in S3. */
export function refuseSseOnRead(headers: Headers): void {
  for (const name of [SSE, KMS_KEY, KMS_CONTEXT]) {
    if (headers[name] !== undefined)
      throw invalid('The x-amz-server-side-encryption header is not supported for this operation.', name, headers[name]);
  }
}

/**
 * UploadPart and UploadPartCopy take the upload's encryption from the upload. SDKs may repeat the
 * SSE-S3/SSE-KMS headers on each part: accepted when they say what the upload says, refused otherwise.
 */
export function checkSseOnPart(headers: Headers, upload: StoredEncryption | undefined): void {
  const mode = headers[SSE];
  const kmsKey = headers[KMS_KEY];
  if (mode === undefined && kmsKey === undefined && headers[KMS_CONTEXT] === undefined && headers[BUCKET_KEY] === undefined) return;
  const matches =
    (mode === 'AES256' && upload?.kind === 'sse-s3' && kmsKey === undefined) ||
    (mode === 'aws:kms' && upload?.kind === 'sse-kms' && (kmsKey === undefined || kmsKey === upload.kmsKeyId));
  if (!matches) {
    throw invalid('The encryption parameters of a part must be those the multipart upload was initiated with.', SSE, mode);
  }
}

/** The headers that tell a client how its object (or upload, or part) is encrypted. */
export function sseResponseHeaders(stored: StoredEncryption | undefined): Record<string, string> {
  if (stored === undefined) return {};
  switch (stored.kind) {
    case 'sse-s3':
      return { [SSE]: 'AES256' };
    case 'sse-kms':
      return {
        [SSE]: 'aws:kms',
        [KMS_KEY]: stored.kmsKeyId ?? '',
        ...(stored.kmsContext === undefined ? {} : { [KMS_CONTEXT]: stored.kmsContext }),
        ...(stored.bucketKeyEnabled === true ? { [BUCKET_KEY]: 'true' } : {}),
      };
    case 'sse-c':
      return {
        'x-amz-server-side-encryption-customer-algorithm': 'AES256',
        'x-amz-server-side-encryption-customer-key-md5': stored.customerKeyMd5 ?? '',
      };
  }
}

function parseBucketKey(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw invalid('x-amz-server-side-encryption-bucket-key-enabled must be true or false', BUCKET_KEY, value);
}

/** base64 of a JSON object of string values, as S3 takes it. */
function parseKmsContext(value: string): string {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      !Array.isArray(parsed) &&
      Object.values(parsed).every((v) => typeof v === 'string')
    ) {
      return value;
    }
  } catch {
    // fall through
  }
  throw invalid('The encryption context must be base64-encoded JSON of string values.', KMS_CONTEXT);
}
