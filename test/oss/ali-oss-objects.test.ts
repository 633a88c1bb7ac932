import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { aliOss, aliOssPathStyle, ossRejects, type SignatureVersion } from '../support/ali-oss.js';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';

/** CRC-64/XZ vectors of the Go SDK v2 (`utils_crc_test.go`), in OSS's unsigned decimal. */
const crcVectors = [
  { data: '123456789', crc: '11051210869376104954' },
  { data: 'This is a test of the emergency broadcast system.', crc: BigInt('0x27DB187FC15BBC72').toString(10) },
  { data: '', crc: '0' },
];

describe('ali-oss objects', () => {
  let proc: CairnProcess;
  before(async () => {
    proc = await startCairnProcess();
  });
  after(async () => proc.dispose());

  for (const version of ['V4', 'V1'] as const satisfies readonly SignatureVersion[]) {
    describe(`with ${version} signatures`, () => {
      const bucket = `objects-${version.toLowerCase()}`;
      before(async () => {
        await aliOss(proc, version).putBucket(bucket);
      });

      it('puts, gets, heads and deletes an object whose name needs escaping, with its metadata', async () => {
        const client = aliOss(proc, version, { bucket });
        const name = 'dir/a b+c ü.txt';
        const put = await client.put(name, Buffer.from('hello, oss'), { meta: { author: 'alice' }, mime: 'text/plain' });
        assert.equal(put.res.status, 200);
        assert.equal(put.res.headers.etag, '"B353A6AC7A6EE89236F6D56F81694BBB"', 'the ETag is the quoted upper-case MD5');
        const got = await client.get(name);
        assert.equal(got.content.toString(), 'hello, oss');
        assert.equal(got.res.headers['content-type'], 'text/plain');
        assert.equal(got.res.headers['x-oss-meta-author'], 'alice');
        assert.equal(got.res.headers['x-oss-object-type'], 'Normal');
        assert.equal(got.res.headers['x-oss-storage-class'], 'Standard');
        assert.equal(got.res.headers.etag, put.res.headers.etag);
        const head = await client.head(name);
        assert.equal(head.status, 200);
        assert.deepEqual(head.meta, { author: 'alice' });
        assert.equal(head.res.headers['content-length'], '10');
        const meta = await client.getObjectMeta(name);
        assert.equal(meta.res.headers['content-length'], '10');
        assert.equal((await client.delete(name)).res.status, 204);
        await ossRejects(client.get(name), 404, 'NoSuchKey');
        const headMissing = await ossRejects(client.head(name), 404, 'NoSuchKey');
        assert.match(headMissing.requestId ?? '', /^[0-9A-F]+$/);
        assert.equal((await client.delete(name)).res.status, 204, 'deleting a missing key succeeds');
      });

      it('answers x-oss-hash-crc64ecma in decimal on put, get and head (CRC-64/XZ vectors)', async () => {
        const client = aliOss(proc, version, { bucket });
        for (const [i, v] of crcVectors.entries()) {
          const name = `crc/${i}`;
          const put = await client.put(name, Buffer.from(v.data));
          assert.equal(put.res.headers['x-oss-hash-crc64ecma'], v.crc, JSON.stringify(v.data));
          assert.equal((await client.get(name)).res.headers['x-oss-hash-crc64ecma'], v.crc);
          assert.equal((await client.head(name)).res.headers['x-oss-hash-crc64ecma'], v.crc);
        }
      });

      it('reads ranges with 206 and Content-Range', async () => {
        const client = aliOss(proc, version, { bucket });
        await client.put('range.txt', Buffer.from('0123456789'));
        const got = await client.get('range.txt', null, { headers: { Range: 'bytes=2-5' } });
        assert.equal(got.res.status, 206);
        assert.equal(got.content.toString(), '2345');
        assert.equal(got.res.headers['content-range'], 'bytes 2-5/10');
        await ossRejects(client.get('range.txt', null, { headers: { Range: 'bytes=20-30' } }), 416, 'InvalidRange');
      });

      it('streams an upload without Content-Length (putStream, chunked)', async () => {
        const client = aliOss(proc, version, { bucket });
        const result = await client.putStream('streamed.txt', Readable.from([Buffer.from('chunk one, '), Buffer.from('chunk two')]));
        assert.equal(result.res.status, 200);
        assert.equal((await client.get('streamed.txt')).content.toString(), 'chunk one, chunk two');
      });

      it('refuses a body that does not match its Content-MD5 and stores nothing', async () => {
        const client = aliOss(proc, version, { bucket });
        const wrong = Buffer.from('other bytes').toString('base64').slice(0, 22) + '==';
        await ossRejects(client.put('md5.txt', Buffer.from('some bytes'), { headers: { 'Content-MD5': wrong } }), 400, 'InvalidDigest');
        await ossRejects(client.get('md5.txt'), 404, 'NoSuchKey');
      });

      it('copies an object, keeping or replacing its metadata, and refuses to overwrite with x-oss-forbid-overwrite', async () => {
        const client = aliOss(proc, version, { bucket });
        await client.put('copy/src.txt', Buffer.from('copied bytes'), { meta: { a: '1' } });
        const kept = await client.copy('copy/kept.txt', 'copy/src.txt');
        assert.match(kept.data?.etag ?? '', /^"[0-9A-F]{32}"$/);
        assert.equal((await client.head('copy/kept.txt')).meta?.a, '1');
        await client.copy('copy/replaced.txt', 'copy/src.txt', { meta: { b: '2' } });
        assert.deepEqual((await client.head('copy/replaced.txt')).meta, { b: '2' });
        assert.equal((await client.get('copy/replaced.txt')).content.toString(), 'copied bytes');
        const e = await ossRejects(
          client.put('copy/kept.txt', Buffer.from('x'), { headers: { 'x-oss-forbid-overwrite': 'true' } }),
          409,
          'FileAlreadyExists',
        );
        assert.equal(e.name, 'FileAlreadyExistsError');
        assert.equal((await client.get('copy/kept.txt')).content.toString(), 'copied bytes');
      });

      it('lists objects (v1 with markers, v2 with continuation tokens) and deletes several at once', async () => {
        const client = aliOss(proc, version, { bucket });
        for (const k of ['list/a', 'list/b', 'list/c/1', 'list/c/2', 'list/d']) await client.put(k, Buffer.from(k));
        const page = await client.list({ prefix: 'list/', delimiter: '/', 'max-keys': 2 });
        assert.deepEqual(
          page.objects.map((o) => o.name),
          ['list/a', 'list/b'],
        );
        assert.equal(page.isTruncated, true);
        const rest = await client.list({ prefix: 'list/', delimiter: '/', marker: page.nextMarker });
        assert.deepEqual(
          rest.objects.map((o) => o.name),
          ['list/d'],
        );
        assert.deepEqual(rest.prefixes, ['list/c/']);
        assert.equal(page.objects[0]!.type, 'Normal');
        assert.equal(page.objects[0]!.storageClass, 'Standard');
        const v2 = await client.listV2({ prefix: 'list/', 'max-keys': 3 });
        assert.equal(v2.keyCount, 3);
        const v2rest = await client.listV2({ prefix: 'list/', 'continuation-token': v2.nextContinuationToken });
        assert.deepEqual(
          v2rest.objects.map((o) => o.name),
          ['list/c/2', 'list/d'],
        );
        const deleted = await client.deleteMulti(['list/a', 'list/b', 'list/missing']);
        assert.deepEqual(
          deleted.deleted.map((d) => d.Key),
          ['list/a', 'list/b', 'list/missing'],
        );
        assert.deepEqual(
          (await client.list({ prefix: 'list/' })).objects.map((o) => o.name),
          ['list/c/1', 'list/c/2', 'list/d'],
        );
      });

      it('appends to an Appendable object without rewriting it, checking the position', async () => {
        const client = aliOss(proc, version, { bucket });
        const first = await client.append('log.txt', Buffer.from('line 1\n'));
        assert.equal(first.nextAppendPosition, '7');
        const second = await client.append('log.txt', Buffer.from('line 2\n'), { position: first.nextAppendPosition });
        assert.equal(second.nextAppendPosition, '14');
        assert.equal(second.res.headers['x-oss-hash-crc64ecma'], (await client.head('log.txt')).res.headers['x-oss-hash-crc64ecma']);
        const got = await client.get('log.txt');
        assert.equal(got.content.toString(), 'line 1\nline 2\n');
        assert.equal(got.res.headers['x-oss-object-type'], 'Appendable');
        const stale = await ossRejects(client.append('log.txt', Buffer.from('late\n'), { position: 7 }), 409, 'PositionNotEqualToLength');
        assert.equal(stale.name, 'PositionNotEqualToLengthError');
        await client.put('normal.txt', Buffer.from('x'));
        await ossRejects(client.append('normal.txt', Buffer.from('y'), { position: 1 }), 409, 'ObjectNotAppendable');
      });

      it('signs URLs that plain HTTP clients can GET and PUT', async () => {
        const client = aliOssPathStyle(proc, version, bucket);
        await client.put('signed.txt', Buffer.from('signed content'));
        const getUrl =
          version === 'V1'
            ? client.signatureUrl('signed.txt', { expires: 60 })
            : await client.signatureUrlV4('GET', 60, undefined, 'signed.txt');
        const got = await fetch(getUrl);
        assert.equal(got.status, 200);
        assert.equal(await got.text(), 'signed content');

        const putUrl =
          version === 'V1'
            ? client.signatureUrl('uploaded.txt', { method: 'PUT', 'Content-Type': 'text/plain', expires: 60 })
            : await client.signatureUrlV4('PUT', 60, { headers: { 'Content-Type': 'text/plain' } }, 'uploaded.txt');
        const put = await fetch(putUrl, { method: 'PUT', body: 'uploaded through a URL', headers: { 'content-type': 'text/plain' } });
        assert.equal(put.status, 200, await put.text());
        assert.equal((await client.get('uploaded.txt')).content.toString(), 'uploaded through a URL');

        const tampered = await fetch(getUrl.replace('signed.txt', 'uploaded.txt'));
        assert.equal(tampered.status, 403);
        assert.match(await tampered.text(), /<Code>SignatureDoesNotMatch<\/Code>[\s\S]*<StringToSign>/);
      });
    });
  }
});
