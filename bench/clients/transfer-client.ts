// The lib-storage client of the multipart benchmark, in its own process so that the server's event loop
// is measured alone. One invocation does one timed transfer and prints one JSON line:
//   {"mode":"upload","bytes":N,"ms":T,"etag":"..."}   or   {"mode":"download","bytes":N,"ms":T}
// Run: node dist/bench/clients/transfer-client.js --mode upload|download --endpoint URL --access-key K
//      --secret-key S --bucket B --key K --size BYTES [--part-size BYTES] [--queue-size N]
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { parseArgs } from 'node:util';
import { generatedBody } from '../support/generated-body.js';

const { values } = parseArgs({
  options: {
    mode: { type: 'string' },
    endpoint: { type: 'string' },
    'access-key': { type: 'string' },
    'secret-key': { type: 'string' },
    bucket: { type: 'string' },
    key: { type: 'string' },
    size: { type: 'string' },
    'part-size': { type: 'string', default: String(8 * 1024 * 1024) },
    'queue-size': { type: 'string', default: '4' },
    /** Ask for SSE-S3 (AES256) on the upload. */
    sse: { type: 'boolean', default: false },
  },
});

/**
 * The same configuration for every server: path style, no retries, and checksums only where an operation
 * requires them (the SDK's default CRC32 on every part would make Cairn compute a digest the references
 * do not, and s3rver ignores it). Over http the SDK still signs each payload's SHA-256, which Cairn verifies.
 */
const client = new S3Client({
  endpoint: values.endpoint!,
  region: 'us-east-1',
  forcePathStyle: true,
  maxAttempts: 1,
  credentials: { accessKeyId: values['access-key']!, secretAccessKey: values['secret-key']! },
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});
const Bucket = values.bucket!;
const Key = values.key!;
const size = Number(values.size);

if (values.mode === 'upload') {
  await client.send(new CreateBucketCommand({ Bucket })).catch((e: unknown) => {
    if ((e as { name?: string }).name !== 'BucketAlreadyOwnedByYou') throw e;
  });
  const started = performance.now();
  const upload = new Upload({
    client,
    params: { Bucket, Key, Body: generatedBody(size), ...(values.sse === true ? { ServerSideEncryption: 'AES256' as const } : {}) },
    partSize: Number(values['part-size']),
    queueSize: Number(values['queue-size']),
  });
  const done = await upload.done();
  const ms = performance.now() - started;
  process.stdout.write(`${JSON.stringify({ mode: 'upload', bytes: size, ms, etag: done.ETag })}\n`);
} else if (values.mode === 'download') {
  const started = performance.now();
  const got = await client.send(new GetObjectCommand({ Bucket, Key }));
  let bytes = 0;
  for await (const chunk of got.Body as AsyncIterable<Uint8Array>) bytes += chunk.length;
  const ms = performance.now() - started;
  if (bytes !== size) throw new Error(`downloaded ${bytes} bytes, expected ${size}`);
  process.stdout.write(`${JSON.stringify({ mode: 'download', bytes, ms })}\n`);
} else {
  throw new Error('--mode upload|download');
}
client.destroy();
