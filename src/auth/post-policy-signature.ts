import { createHmac } from 'node:crypto';
import { StorageError } from '../core/errors.js';
import type { AccessKey, Principal } from '../core/types.js';
import { parseCredential } from './credential-scope.js';
import { hmacSha256 } from './hashes.js';
import { bytesEqual, signaturesEqual } from './signatures-equal.js';
import { signingKey } from './signing-key.js';

export interface PostSignatureOptions {
  /** Form fields with lowercase names. */
  readonly fields: ReadonlyMap<string, string>;
  readonly region: string;
  readonly lookupKey: (accessKeyId: string) => Promise<AccessKey | undefined>;
}

function missingField(name: string): StorageError {
  return new StorageError(
    'InvalidArgument',
    `Bucket POST must contain a field named '${name}'.  If it is specified, please check the order of the fields.`,
    {
      ArgumentName: name,
    },
  );
}

/**
 * Who signed a browser POST form: the policy's signature, SigV4 (x-amz-algorithm, x-amz-credential,
 * x-amz-date, x-amz-signature: hex HMAC-SHA256 of the base64 policy under the day's signing key) or
 * SigV2 (AWSAccessKeyId, signature: base64 HMAC-SHA1 of the base64 policy). Null for an unsigned form.
 */
export async function verifyPostSignature(options: PostSignatureOptions): Promise<Principal | null> {
  const f = options.fields;
  const policy = f.get('policy');
  const v4 = f.get('x-amz-signature') !== undefined || f.get('x-amz-credential') !== undefined || f.get('x-amz-algorithm') !== undefined;
  const v2 = f.get('awsaccesskeyid') !== undefined || f.get('signature') !== undefined;
  if (!v4 && !v2) {
    if (policy !== undefined) throw missingField(f.get('x-amz-algorithm') === undefined ? 'AWSAccessKeyId' : 'x-amz-signature');
    return null;
  }
  if (policy === undefined) throw missingField('policy');
  if (v4) {
    const algorithm = f.get('x-amz-algorithm');
    if (algorithm === undefined) throw missingField('x-amz-algorithm');
    if (algorithm !== 'AWS4-HMAC-SHA256') {
      throw new StorageError('InvalidArgument', 'Only AWS4-HMAC-SHA256 is supported.', { ArgumentName: 'x-amz-algorithm' });
    }
    const credentialText = f.get('x-amz-credential');
    if (credentialText === undefined) throw missingField('x-amz-credential');
    if (f.get('x-amz-date') === undefined) throw missingField('x-amz-date');
    const signature = f.get('x-amz-signature');
    if (signature === undefined) throw missingField('x-amz-signature');
    const credential = parseCredential(credentialText);
    if (credential === undefined || credential.service !== 's3') {
      throw new StorageError('AuthorizationMalformed', 'The credential in the form is malformed.', { Credential: credentialText });
    }
    if (credential.region !== options.region) {
      throw new StorageError('AuthorizationMalformed', `the region '${credential.region}' is wrong; expecting '${options.region}'`, {
        Region: options.region,
      });
    }
    const key = await known(options, credential.accessKeyId);
    const expected = hmacSha256(signingKey(key.secretAccessKey, credential.date, credential.region, 's3'), policy).toString('hex');
    if (!signaturesEqual(expected, signature)) throw signatureMismatch();
    return principalOf(key);
  }
  const accessKeyId = f.get('awsaccesskeyid');
  if (accessKeyId === undefined) throw missingField('AWSAccessKeyId');
  const signature = f.get('signature');
  if (signature === undefined) throw missingField('Signature');
  const key = await known(options, accessKeyId);
  const expected = createHmac('sha1', key.secretAccessKey).update(policy, 'utf8').digest();
  if (!bytesEqual(expected, Buffer.from(signature, 'base64'))) throw signatureMismatch();
  return principalOf(key);
}

async function known(options: PostSignatureOptions, accessKeyId: string): Promise<AccessKey> {
  const key = await options.lookupKey(accessKeyId);
  if (key === undefined) {
    throw new StorageError('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', {
      AWSAccessKeyId: accessKeyId,
    });
  }
  return key;
}

function signatureMismatch(): StorageError {
  return new StorageError(
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
  );
}

function principalOf(key: AccessKey): Principal {
  return { accountId: key.accountId, userName: key.userName, accessKeyId: key.accessKeyId };
}
