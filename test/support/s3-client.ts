import { S3Client } from '@aws-sdk/client-s3';
import { testCredentials, type CairnProcess } from './cairn-process.js';

/** An unmodified @aws-sdk/client-s3 pointed at a test server, default checksum settings. */
export function s3Client(
  server: Pick<CairnProcess, 'url'>,
  credentials: { accessKeyId: string; secretAccessKey: string } = testCredentials,
  options: { forcePathStyle?: boolean; maxAttempts?: number } = {},
): S3Client {
  return new S3Client({
    endpoint: server.url,
    region: 'us-east-1',
    credentials,
    forcePathStyle: options.forcePathStyle ?? true,
    maxAttempts: options.maxAttempts ?? 1,
  });
}

/** The error name (S3 error code) a rejected SDK call carries, and its HTTP status. */
export async function sdkError(p: Promise<unknown>): Promise<{ name: string; status: number | undefined; message: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, status: err.$metadata?.httpStatusCode, message: err.message };
  }
  throw new Error('expected the call to fail');
}

export async function bodyBytes(body: unknown): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of body as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}
