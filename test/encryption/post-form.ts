import { createHmac } from 'node:crypto';

/** Fields of a browser POST upload form signed with SigV4, as a page would get them from its backend. */
export function signedPostFields(options: {
  readonly bucket: string;
  readonly keyPrefix: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly region?: string;
  readonly expiresAt?: Date;
  readonly conditions?: readonly unknown[];
  /** Replaces the encoded policy (malformed-policy tests); the signature then covers this text. */
  readonly rawPolicy?: string;
}): Record<string, string> {
  const region = options.region ?? 'us-east-1';
  const now = new Date();
  const date = now.toISOString().slice(0, 10).replace(/-/g, '');
  const amzDate = `${date}T000000Z`;
  const credential = `${options.accessKeyId}/${date}/${region}/s3/aws4_request`;
  const policyDoc = {
    expiration: (options.expiresAt ?? new Date(Date.now() + 10 * 60_000)).toISOString(),
    conditions: options.conditions ?? [
      { bucket: options.bucket },
      ['starts-with', '$key', options.keyPrefix],
      ['starts-with', '$Content-Type', ''],
      ['content-length-range', 1, 1024 * 1024],
      { 'x-amz-algorithm': 'AWS4-HMAC-SHA256' },
      { 'x-amz-credential': credential },
      { 'x-amz-date': amzDate },
    ],
  };
  const policy = options.rawPolicy ?? Buffer.from(JSON.stringify(policyDoc)).toString('base64');
  const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${options.secretAccessKey}`, date), region), 's3'), 'aws4_request');
  return {
    'x-amz-algorithm': 'AWS4-HMAC-SHA256',
    'x-amz-credential': credential,
    'x-amz-date': amzDate,
    policy,
    'x-amz-signature': hmac(signingKey, policy).toString('hex'),
  };
}
