// Reference (a): the least an S3-shaped server can do for a multipart upload. Streams each request body
// into its own file, hashing MD5 in the same pass and writing in ~1 MiB batches, then fsyncs; answers
// with minimal S3 XML; checks no signature. GET streams the uploaded part files back in order.
// With --discard it stores and hashes nothing and GET sends bytes from memory: the ceiling the client
// itself can reach on this machine.
// Run: node dist/bench/servers/bare-s3-server.js <data-dir> [--discard]   (prints "listening on http://HOST:PORT")
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

const BATCH_BYTES = 1024 * 1024;
const dataDir = path.resolve(process.argv[2] ?? '.bare-data');
const discard = process.argv.includes('--discard');
const zeros = Buffer.alloc(BATCH_BYTES);

interface StoredFile {
  readonly file: string;
  readonly size: number;
  readonly md5: string;
}

const uploads = new Map<string, Map<number, StoredFile>>();
const objects = new Map<string, { readonly files: readonly StoredFile[]; readonly etag: string }>();
let fileCounter = 0;

/** Streams the body into a new file with MD5 in the same pass, ~1 MiB writes, fsync before answering. */
async function storeBody(req: IncomingMessage): Promise<StoredFile> {
  if (discard) {
    let n = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) n += chunk.length;
    return { file: '', size: n, md5: '0'.repeat(32) };
  }
  const file = path.join(dataDir, `${process.pid}-${++fileCounter}`);
  const handle = await open(file, 'w');
  const md5 = createHash('md5');
  let size = 0;
  try {
    let batch: Buffer[] = [];
    let batchBytes = 0;
    let inFlight: Promise<unknown> = Promise.resolve();
    for await (const chunk of req as AsyncIterable<Buffer>) {
      md5.update(chunk);
      size += chunk.length;
      batch.push(chunk);
      batchBytes += chunk.length;
      if (batchBytes >= BATCH_BYTES) {
        await inFlight;
        inFlight = handle.writev(batch);
        batch = [];
        batchBytes = 0;
      }
    }
    await inFlight;
    if (batch.length > 0) await handle.writev(batch);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { file, size, md5: md5.digest('hex') };
}

function xml(res: ServerResponse, status: number, body: string): void {
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function drain(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req as AsyncIterable<Buffer>) text += chunk.toString('utf8');
  return text;
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://bare');
  const [, bucket = '', ...rest] = url.pathname.split('/');
  const key = decodeURIComponent(rest.join('/'));
  const q = url.searchParams;
  const uploadId = q.get('uploadId');
  if (key === '') {
    await drain(req);
    res.writeHead(200, { 'content-length': 0 }).end();
    return;
  }
  if (req.method === 'POST' && q.has('uploads')) {
    await drain(req);
    const id = randomBytes(12).toString('hex');
    uploads.set(id, new Map());
    xml(
      res,
      200,
      `<InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${key}</Key><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`,
    );
    return;
  }
  if (req.method === 'PUT' && uploadId !== null) {
    const parts = uploads.get(uploadId);
    if (parts === undefined) return void xml(res, 404, '<Error><Code>NoSuchUpload</Code></Error>');
    const stored = await storeBody(req);
    parts.set(Number(q.get('partNumber')), stored);
    res.writeHead(200, { etag: `"${stored.md5}"`, 'content-length': 0 }).end();
    return;
  }
  if (req.method === 'POST' && uploadId !== null) {
    const listed = [...(await drain(req)).matchAll(/<PartNumber>(\d+)<\/PartNumber>/g)].map((m) => Number(m[1]));
    const parts = uploads.get(uploadId);
    const files = listed.map((n) => parts?.get(n));
    if (parts === undefined || files.some((f) => f === undefined)) return void xml(res, 400, '<Error><Code>InvalidPart</Code></Error>');
    const stored = files as StoredFile[];
    const etag = `${createHash('md5')
      .update(Buffer.concat(stored.map((f) => Buffer.from(f.md5, 'hex'))))
      .digest('hex')}-${stored.length}`;
    objects.set(`${bucket}/${key}`, { files: stored, etag });
    uploads.delete(uploadId);
    xml(
      res,
      200,
      `<CompleteMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${key}</Key><ETag>"${etag}"</ETag></CompleteMultipartUploadResult>`,
    );
    return;
  }
  if (req.method === 'DELETE' && uploadId !== null) {
    uploads.delete(uploadId);
    res.writeHead(204).end();
    return;
  }
  if (req.method === 'PUT') {
    const stored = await storeBody(req);
    objects.set(`${bucket}/${key}`, { files: [stored], etag: stored.md5 });
    res.writeHead(200, { etag: `"${stored.md5}"`, 'content-length': 0 }).end();
    return;
  }
  if (req.method === 'GET' || req.method === 'HEAD') {
    const object = objects.get(`${bucket}/${key}`);
    if (object === undefined) return void xml(res, 404, '<Error><Code>NoSuchKey</Code></Error>');
    const size = object.files.reduce((n, f) => n + f.size, 0);
    res.writeHead(200, { 'content-length': size, etag: `"${object.etag}"`, 'content-type': 'application/octet-stream' });
    if (req.method === 'HEAD') return void res.end();
    if (discard) {
      for (let left = size; left > 0; left -= zeros.length) {
        if (!res.write(left >= zeros.length ? zeros : zeros.subarray(0, left))) await new Promise((resolve) => res.once('drain', resolve));
      }
      return void res.end();
    }
    for (const f of object.files) await pipeline(createReadStream(f.file, { highWaterMark: 1024 * 1024 }), res, { end: false });
    res.end();
    return;
  }
  xml(res, 501, '<Error><Code>NotImplemented</Code></Error>');
}

await mkdir(dataDir, { recursive: true });
const server = createServer({ requestTimeout: 0 }, (req, res) => {
  handle(req, res).catch((error: unknown) => {
    process.stderr.write(`bare server: ${String(error)}\n`);
    if (!res.headersSent) xml(res, 500, '<Error><Code>InternalError</Code></Error>');
    else res.destroy();
  });
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`bare S3 server listening on http://127.0.0.1:${port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
