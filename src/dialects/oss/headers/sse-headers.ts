import { StorageError } from '../../../core/errors.js';
import type { EncryptionRequest, StoredEncryption } from '../../../core/encryption/object-encryption.js';
import { OSS_CODE_DETAIL } from '../error-table.js';

type Headers = Readonly<Record<string, string>>;

const SSE = 'x-oss-server-side-encryption';
const KEY_ID = 'x-oss-server-side-encryption-key-id';
const DATA_ENCRYPTION = 'x-oss-server-side-data-encryption';
const CONTEXT = 'x-oss-server-side-encryption-context';

function invalid(message: string, name: string, value?: string): StorageError {
  return new StorageError('InvalidArgument', message, { ArgumentName: name, ...(value === undefined ? {} : { ArgumentValue: value }) });
}

/**
 * The encryption an OSS write asks for (PutObject, InitiateMultipartUpload, CopyObject's target, the
 * first AppendObject): `AES256` is SSE-OSS, Cairn's SSE-S3; `KMS` with a key id of the local key store.
 * SM4 and BYOK contexts answer NotImplemented; a key id without KMS, or an unknown method, is refused.
 */
export function parseOssSseWriteHeaders(headers: Headers): EncryptionRequest | undefined {
  const mode = headers[SSE];
  const keyId = headers[KEY_ID];
  const dataEncryption = headers[DATA_ENCRYPTION];
  if (headers[CONTEXT] !== undefined) {
    throw new StorageError('NotImplemented', `Cairn does not implement ${CONTEXT} for OSS.`, { Header: CONTEXT });
  }
  if (mode === undefined) {
    if (keyId !== undefined) throw invalid(`${KEY_ID} needs ${SSE}: KMS.`, KEY_ID, keyId);
    if (dataEncryption !== undefined) throw invalid(`${DATA_ENCRYPTION} needs ${SSE}: KMS.`, DATA_ENCRYPTION, dataEncryption);
    return undefined;
  }
  if (mode === 'AES256') {
    if (keyId !== undefined) throw invalid(`${KEY_ID} is only valid with ${SSE}: KMS.`, KEY_ID, keyId);
    if (dataEncryption !== undefined) throw invalid(`${DATA_ENCRYPTION} is only valid with ${SSE}: KMS.`, DATA_ENCRYPTION);
    return { kind: 'sse-s3' };
  }
  if (mode === 'KMS') {
    if (dataEncryption !== undefined) {
      throw new StorageError(
        'NotImplemented',
        `Cairn encrypts with AES-256 only; ${DATA_ENCRYPTION}: ${dataEncryption} is not supported.`,
        {
          Header: DATA_ENCRYPTION,
        },
      );
    }
    // OSS falls back to a managed key of its own; Cairn's key store has none, so the key must be named.
    if (keyId === undefined || keyId === '') throw invalid(`Cairn needs ${KEY_ID} with ${SSE}: KMS (it has no managed key).`, KEY_ID);
    return { kind: 'sse-kms', keyId };
  }
  if (mode === 'SM4') {
    throw new StorageError('NotImplemented', 'Cairn encrypts with AES-256 only; SM4 is not supported.', { Header: SSE });
  }
  throw new StorageError('InvalidArgument', 'The Encryption request you specified is not valid. Supported value: AES256/KMS/SM4.', {
    [OSS_CODE_DETAIL]: 'InvalidEncryptionAlgorithmError',
    ArgumentName: SSE,
    ArgumentValue: mode,
  });
}

/** GET and HEAD take no encryption headers: the object says how it is stored. */
export function refuseOssSseOnRead(headers: Headers): void {
  for (const name of [SSE, KEY_ID, DATA_ENCRYPTION]) {
    if (headers[name] !== undefined) throw invalid(`${name} is not supported for this operation.`, name, headers[name]);
  }
}

/**
 * UploadPart and UploadPartCopy take the upload's encryption. Clients may repeat the headers on parts
 * (ali-oss strips x-oss-server-side-encryption but keeps the key id): accepted when they say what the
 * upload says, refused otherwise.
 */
export function checkOssSseOnPart(headers: Headers, upload: StoredEncryption | undefined): void {
  const mode = headers[SSE];
  const keyId = headers[KEY_ID];
  if (mode === undefined && keyId === undefined) return;
  const matches =
    (mode === 'AES256' && upload?.kind === 'sse-s3' && keyId === undefined) ||
    ((mode === 'KMS' || mode === undefined) && upload?.kind === 'sse-kms' && (keyId === undefined || keyId === upload.kmsKeyId));
  if (!matches) throw invalid('The encryption of a part must be the one the multipart upload was initiated with.', SSE, mode);
}

/**
 * How OSS tells a client its object (or upload, or part) is encrypted. An object written through S3 with
 * SSE-C reads as no OSS encryption header: OSS has no customer keys, and such reads are refused anyway.
 */
export function ossSseResponseHeaders(stored: StoredEncryption | undefined): Record<string, string> {
  switch (stored?.kind) {
    case 'sse-s3':
      return { [SSE]: 'AES256' };
    case 'sse-kms':
      return { [SSE]: 'KMS', ...(stored.kmsKeyId === undefined ? {} : { [KEY_ID]: stored.kmsKeyId }) };
    default:
      return {};
  }
}
