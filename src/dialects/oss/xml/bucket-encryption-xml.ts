import type { BucketEncryption } from '../../../core/encryption/bucket-encryption.js';
import { StorageError } from '../../../core/errors.js';
import { el, expectRoot, malformedXml, optionalChild, parseXml, requiredChild, xmlDocument } from '../../common/xml.js';
import { OSS_CODE_DETAIL } from '../error-table.js';

/**
 * The body of OSS PutBucketEncryption: `<ServerSideEncryptionRule><ApplyServerSideEncryptionByDefault>`
 * with SSEAlgorithm AES256 or KMS (KMSMasterKeyID naming a key of the local key store). SM4 and
 * KMSDataEncryption answer NotImplemented; another algorithm InvalidEncryptionAlgorithmError.
 */
export function parseServerSideEncryptionRule(xml: string): BucketEncryption {
  const root = expectRoot(parseXml(xml), 'ServerSideEncryptionRule');
  if (root.children.length !== 1) throw malformedXml();
  const byDefault = requiredChild(root, 'ApplyServerSideEncryptionByDefault');
  const known = new Set(['SSEAlgorithm', 'KMSMasterKeyID', 'KMSDataEncryption']);
  if (byDefault.children.some((c) => !known.has(c.name))) throw malformedXml();
  const algorithm = requiredChild(byDefault, 'SSEAlgorithm').text.trim();
  const keyId = optionalChild(byDefault, 'KMSMasterKeyID')?.text.trim() ?? '';
  const dataEncryption = optionalChild(byDefault, 'KMSDataEncryption')?.text.trim() ?? '';
  if (algorithm === 'AES256') {
    if (keyId !== '' || dataEncryption !== '') {
      throw new StorageError('InvalidArgument', 'KMSMasterKeyID and KMSDataEncryption apply only when SSEAlgorithm is KMS.', {
        ArgumentName: 'KMSMasterKeyID',
      });
    }
    return { kind: 'sse-s3' };
  }
  if (algorithm === 'KMS') {
    if (dataEncryption !== '') {
      throw new StorageError('NotImplemented', `Cairn encrypts with AES-256 only; KMSDataEncryption ${dataEncryption} is not supported.`);
    }
    // OSS would use a managed key of its own; Cairn's key store has none, so the key must be named.
    if (keyId === '') {
      throw new StorageError('InvalidArgument', 'Cairn needs a KMSMasterKeyID with KMS (it has no managed key).', {
        ArgumentName: 'KMSMasterKeyID',
      });
    }
    return { kind: 'sse-kms', kmsKeyId: keyId };
  }
  if (algorithm === 'SM4') throw new StorageError('NotImplemented', 'Cairn encrypts with AES-256 only; SM4 is not supported.');
  throw new StorageError('InvalidArgument', `The server-side encryption type ${algorithm} is not supported.`, {
    [OSS_CODE_DETAIL]: 'InvalidEncryptionAlgorithmError',
    ArgumentName: 'SSEAlgorithm',
    ArgumentValue: algorithm,
  });
}

/** GetBucketEncryption's answer; KMSMasterKeyID is empty for AES256, as OSS writes it. */
export function renderServerSideEncryptionRule(config: BucketEncryption): string {
  return xmlDocument(
    el('ServerSideEncryptionRule', [
      el('ApplyServerSideEncryptionByDefault', [
        el('SSEAlgorithm', config.kind === 'sse-s3' ? 'AES256' : 'KMS'),
        el('KMSMasterKeyID', config.kind === 'sse-kms' ? (config.kmsKeyId ?? '') : ''),
      ]),
    ]),
  );
}
