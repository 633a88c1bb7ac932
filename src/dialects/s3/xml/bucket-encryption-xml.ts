import type { BucketEncryption } from '../../../core/encryption/bucket-encryption.js';
import { StorageError } from '../../../core/errors.js';
import { el, expectRoot, malformedXml, optionalChild, parseXml, requiredChild } from '../../common/xml.js';
import { s3Document } from './response-elements.js';

/** The body of PutBucketEncryption: one rule, AES256 or aws:kms with a key id. */
export function parseServerSideEncryptionConfiguration(xml: string): BucketEncryption {
  const root = expectRoot(parseXml(xml), 'ServerSideEncryptionConfiguration');
  const rules = root.children.filter((c) => c.name === 'Rule');
  if (rules.length !== 1 || rules.length !== root.children.length) throw malformedXml();
  const rule = rules[0];
  if (rule === undefined) throw malformedXml();
  const byDefault = requiredChild(rule, 'ApplyServerSideEncryptionByDefault');
  const algorithm = requiredChild(byDefault, 'SSEAlgorithm').text.trim();
  const keyId = optionalChild(byDefault, 'KMSMasterKeyID')?.text.trim();
  const bucketKeyText = optionalChild(rule, 'BucketKeyEnabled')?.text.trim();
  if (bucketKeyText !== undefined && bucketKeyText !== 'true' && bucketKeyText !== 'false') throw malformedXml();
  const bucketKey = bucketKeyText === undefined ? {} : { bucketKeyEnabled: bucketKeyText === 'true' };
  if (algorithm === 'AES256') {
    if (keyId !== undefined && keyId !== '') {
      throw new StorageError('InvalidArgument', 'a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms', {
        ArgumentName: 'ApplyServerSideEncryptionByDefault',
      });
    }
    return { kind: 'sse-s3', ...bucketKey };
  }
  if (algorithm === 'aws:kms') {
    if (keyId === undefined || keyId === '') {
      throw new StorageError('InvalidArgument', 'Cairn needs a KMSMasterKeyID with aws:kms (it has no AWS managed key).', {
        ArgumentName: 'KMSMasterKeyID',
      });
    }
    return { kind: 'sse-kms', kmsKeyId: keyId, ...bucketKey };
  }
  if (algorithm === 'aws:kms:dsse') {
    throw new StorageError('NotImplemented', 'Dual-layer server-side encryption (aws:kms:dsse) is not implemented.');
  }
  throw malformedXml();
}

export function renderServerSideEncryptionConfiguration(config: BucketEncryption): string {
  return s3Document('ServerSideEncryptionConfiguration', [
    el('Rule', [
      el('ApplyServerSideEncryptionByDefault', [
        el('SSEAlgorithm', config.kind === 'sse-s3' ? 'AES256' : 'aws:kms'),
        config.kind === 'sse-kms' && el('KMSMasterKeyID', config.kmsKeyId ?? ''),
      ]),
      el('BucketKeyEnabled', config.bucketKeyEnabled === true),
    ]),
  ]);
}
