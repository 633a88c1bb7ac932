import { createHmac } from 'node:crypto';
import { StorageError } from '../core/errors.js';
import type { AccessKey, Principal } from '../core/types.js';
import { bytesEqual } from './signatures-equal.js';

export interface OssPostSignatureOptions {
  /** Form fields with lowercase names. */
  readonly fields: ReadonlyMap<string, string>;
  readonly lookupKey: (accessKeyId: string) => Promise<AccessKey | undefined>;
}

function missingField(name: string): StorageError {
  return new StorageError(
    'InvalidArgument',
    `The form field ${name} is missing: a signed PostObject needs OSSAccessKeyId, policy and Signature.`,
    {
      ArgumentName: name,
    },
  );
}

/**
 * Who signed an OSS PostObject form with the V1 signature: OSSAccessKeyId, and Signature = base64 of
 * HMAC-SHA1(secret, the base64 policy field). Null for a form with no signature fields (an anonymous
 * upload). The V4 form signature (x-oss-signature-version) is not implemented.
 */
export async function verifyOssPostSignature(options: OssPostSignatureOptions): Promise<Principal | null> {
  const f = options.fields;
  if (f.has('x-oss-signature-version') || f.has('x-oss-signature') || f.has('x-oss-credential')) {
    throw new StorageError(
      'NotImplemented',
      'Cairn verifies PostObject forms signed with the V1 signature (OSSAccessKeyId, Signature) only.',
      {
        Header: 'x-oss-signature-version',
      },
    );
  }
  const accessKeyId = f.get('ossaccesskeyid');
  const signature = f.get('signature');
  const policy = f.get('policy');
  if (accessKeyId === undefined && signature === undefined && policy === undefined) return null;
  if (accessKeyId === undefined) throw missingField('OSSAccessKeyId');
  if (policy === undefined) throw missingField('policy');
  if (signature === undefined) throw missingField('Signature');
  const key = await options.lookupKey(accessKeyId);
  if (key === undefined) {
    throw new StorageError('InvalidAccessKeyId', 'The OSS Access Key Id you provided does not exist in our records.', {
      OSSAccessKeyId: accessKeyId,
    });
  }
  const expected = createHmac('sha1', key.secretAccessKey).update(policy, 'utf8').digest();
  if (!bytesEqual(expected, Buffer.from(signature, 'base64'))) {
    throw new StorageError(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    );
  }
  return { accountId: key.accountId, userName: key.userName, accessKeyId: key.accessKeyId };
}
