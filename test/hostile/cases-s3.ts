import { zlib } from '../support/zlib-crc.js';
import { encodeAwsChunked, STREAMING_SIGNED, STREAMING_UNSIGNED_TRAILER, signRequest } from '../../src/auth/index.js';
import type { CaseContext, CaseFamily, HostileCase } from './case.js';
import { badEscapes, breakXml } from './mutations.js';
import { pathOf } from './wire.js';
import { completeXml, lifecycleXml, md5Base64, pattern } from './world.js';

/** Part numbers no request may carry: out of range, not decimal, not a number at all. */
export const absurdPartNumbers = [
  '0',
  '-1',
  '10001',
  '4294967297',
  '99999999999999999999',
  '1e3',
  '0x10',
  'abc',
  '',
  ' 1',
  '1.0',
  '١',
  '+1',
  '1%00',
];

/** In a Complete document (where surrounding white space is legitimately trimmed): numbers that can name no uploaded part. */
export const impossibleXmlPartNumbers = [
  '0',
  '-1',
  '10001',
  '4294967297',
  '99999999999999999999',
  '1e3',
  '0x10',
  'abc',
  '',
  '1.0',
  '١',
  '+1',
  '2-1',
];

const s3 = (label: string, c: Omit<HostileCase, 'label' | 'dialect'>): HostileCase => ({ label: `s3/${label}`, dialect: 's3', ...c });

function deleteDoc(keys: readonly string[], quiet = 'false'): string {
  const esc = (k: string) => k.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<Delete><Quiet>${quiet}</Quiet>${keys.map((k) => `<Object><Key>${esc(k)}</Key></Object>`).join('')}</Delete>`;
}

/** A Complete document that can never complete: wrong order, a part that is not there, a number out of range, a wrong ETag. */
function invalidCompleteDoc(c: CaseContext, parts: readonly { partNumber: number; etag: string }[]): { how: string; doc: string } {
  const { d } = c;
  const [p1, p2] = parts;
  const variants: (() => { how: string; doc: string })[] = [
    () => ({ how: 'descending', doc: completeXml([...parts].reverse()) }),
    // A part listed twice completes with its last entry (a part sent again): here that entry's ETag is stale.
    () => ({
      how: 'duplicate-part-stale-last',
      doc: completeXml([p1!, { ...p1!, etag: `"${d.bytes(16).toString('hex')}"` }, ...parts.slice(1)]),
    }),
    () => ({ how: 'missing-part', doc: completeXml([...parts, { partNumber: 3, etag: p2?.etag ?? '"x"' }]) }),
    () => ({ how: 'wrong-etag', doc: completeXml(parts.map((p) => ({ ...p, etag: `"${d.bytes(16).toString('hex')}"` }))) }),
    () => ({
      how: 'absurd-part-number',
      doc: completeXml([{ partNumber: d.pick(impossibleXmlPartNumbers) as unknown as number, etag: p1!.etag }, ...parts.slice(1)]),
    }),
    () => ({ how: 'no-parts', doc: '<CompleteMultipartUpload></CompleteMultipartUpload>' }),
    () => ({ how: 'no-etag', doc: completeXml(parts).replace(/<ETag>[^<]*<\/ETag>/, '') }),
    () => ({ how: 'two-etags', doc: completeXml(parts).replace('</ETag>', `</ETag><ETag>${p1!.etag}</ETag>`) }),
    () => ({ how: 'empty-etag', doc: completeXml(parts).replace(/<ETag>[^<]*<\/ETag>/, '<ETag></ETag>') }),
    () => ({
      how: 'ten-thousand-and-one',
      doc: completeXml(Array.from({ length: 10_001 }, (_, i) => ({ partNumber: i + 1, etag: p1!.etag }))),
    }),
  ];
  return d.pick(variants)();
}

export const s3Families: readonly CaseFamily[] = [
  {
    name: 'complete-xml',
    weight: 6,
    make: (c) => {
      const u = c.w.s3.upload;
      const broken = c.d.chance(0.6) ? breakXml(c.d, completeXml(u.parts)) : undefined;
      const semantic = broken === undefined ? invalidCompleteDoc(c, u.parts) : undefined;
      return s3(`complete-xml/${broken?.how ?? semantic!.how}`, {
        request: c.wire.s3('POST', pathOf(c.w.s3.bucket, u.key), { query: `uploadId=${u.id}`, body: broken?.body ?? semantic!.doc }),
        expect: 'error',
        ...(broken === undefined ? {} : { codes: ['MalformedXML'] }),
      });
    },
  },
  {
    name: 'delete-objects-xml',
    weight: 5,
    make: (c) => {
      // Names every protected key: a server that read a broken document generously would delete them.
      const doc = deleteDoc(c.w.s3.keys);
      const variants = [
        () => breakXml(c.d, doc),
        () => ({ how: 'quiet-maybe', body: Buffer.from(deleteDoc(c.w.s3.keys, 'maybe')) }),
        () => ({
          how: 'thousand-and-one',
          body: Buffer.from(deleteDoc([...c.w.s3.keys, ...Array.from({ length: 1000 }, (_, i) => `ghost-${i}`)])),
        }),
        () => ({ how: 'no-objects', body: Buffer.from('<Delete><Quiet>true</Quiet></Delete>') }),
        () => ({
          how: 'object-without-key',
          body: Buffer.from(doc.replace('</Delete>', '<Object><VersionId>x</VersionId></Object></Delete>')),
        }),
      ];
      const broken = c.d.pick(variants)();
      const withMd5 = c.d.chance(0.8);
      return s3(`delete-objects-xml/${broken.how}`, {
        request: c.wire.s3('POST', pathOf(c.w.s3.bucket), {
          query: 'delete',
          body: broken.body,
          headers: withMd5 ? { 'content-md5': md5Base64(broken.body) } : {},
        }),
        expect: 'error',
      });
    },
  },
  {
    name: 'lifecycle-xml',
    weight: 3,
    make: (c) => {
      const valid = lifecycleXml();
      const variants = [
        () => breakXml(c.d, valid),
        () => ({ how: 'days-zero', body: Buffer.from(valid.replace('>30<', '>0<')) }),
        () => ({ how: 'days-negative', body: Buffer.from(valid.replace('>30<', '>-1<')) }),
        () => ({ how: 'days-text', body: Buffer.from(valid.replace('>30<', '>thirty<')) }),
        () => ({ how: 'days-huge', body: Buffer.from(valid.replace('>30<', '>99999999999999999999<')) }),
        () => ({ how: 'status-maybe', body: Buffer.from(valid.replace('Enabled', 'Maybe')) }),
        () => ({ how: 'no-status', body: Buffer.from(valid.replace('<Status>Enabled</Status>', '')) }),
        () => ({ how: 'long-id', body: Buffer.from(valid.replace('keep-me', 'x'.repeat(256))) }),
        () => ({ how: 'no-rules', body: Buffer.from('<LifecycleConfiguration></LifecycleConfiguration>') }),
      ];
      const broken = c.d.pick(variants)();
      return s3(`lifecycle-xml/${broken.how}`, {
        request: c.wire.s3('PUT', pathOf(c.w.s3.bucket), {
          query: 'lifecycle',
          body: broken.body,
          headers: { 'content-md5': md5Base64(broken.body) },
        }),
        expect: 'error',
      });
    },
  },
  {
    name: 'create-bucket-xml',
    weight: 2,
    make: (c) => {
      const valid = '<CreateBucketConfiguration><LocationConstraint>us-east-1</LocationConstraint></CreateBucketConfiguration>';
      const broken = c.d.chance(0.7)
        ? breakXml(c.d, valid)
        : { how: 'other-region', body: Buffer.from(valid.replace('us-east-1', 'mars-north-1')) };
      if (broken.how === 'empty')
        return s3('create-bucket-xml/bad-name', { request: c.wire.s3('PUT', '/Bad_Bucket..Name'), expect: 'error' });
      return s3(`create-bucket-xml/${broken.how}`, {
        request: c.wire.s3('PUT', pathOf(c.fresh('hk-never')), { body: broken.body }),
        expect: 'error',
      });
    },
  },
  {
    name: 'part-number',
    weight: 4,
    make: (c) => {
      const u = c.w.s3.upload;
      const n = c.d.pick(absurdPartNumbers);
      const q = `partNumber=${encodeURIComponent(n)}&uploadId=${u.id}`;
      if (c.d.chance(0.3)) {
        return s3('part-number/get', {
          request: c.wire.s3('GET', pathOf(c.w.s3.bucket, 'keep/multi'), { query: `partNumber=${encodeURIComponent(n)}` }),
          expect: 'error',
        });
      }
      return s3('part-number/upload', {
        request: c.wire.s3('PUT', pathOf(c.w.s3.bucket, u.key), { query: q, body: pattern(c.d.between(0, 2000), 1) }),
        expect: 'error',
      });
    },
  },
  {
    name: 'upload-id',
    weight: 3,
    make: (c) => {
      const u = c.w.s3.upload;
      const id = c.d.pick(['', 'garbage', c.w.theirs.uploadId, c.w.oss.upload.id, `${u.id}x`, u.id.slice(1), '%ZZ', 'A'.repeat(5000)]);
      const method = c.d.pick(['PUT', 'POST', 'DELETE', 'GET']);
      // The OSS upload lives in another bucket: it must not be found through this one.
      const query = method === 'PUT' ? `partNumber=1&uploadId=${id}` : `uploadId=${id}`;
      return s3(`upload-id/${method}`, {
        request: c.wire.s3(method, pathOf(c.w.s3.bucket, u.key), {
          query,
          ...(method === 'PUT' ? { body: 'part' } : method === 'POST' ? { body: completeXml(u.parts) } : {}),
        }),
        expect: 'error',
      });
    },
  },
  {
    name: 'bad-escape',
    weight: 5,
    make: (c) => {
      const bad = c.d.pick(badEscapes);
      const method = c.d.pick(['GET', 'PUT', 'DELETE', 'HEAD', 'POST']);
      const rawPath = c.d.pick([
        `/${c.w.s3.bucket}/keep/small${bad}`,
        `/${c.w.s3.bucket}/${bad}`,
        `/${bad}/keep/small`,
        `/${bad}`,
        `/hk-${bad}main/x`,
      ]);
      return s3(`bad-escape/${method}`, {
        request: c.wire.s3(method, rawPath, {
          ...(method === 'PUT' ? { body: 'overwritten?' } : {}),
          ...(method === 'POST' ? { query: 'delete', body: deleteDoc(c.w.s3.keys) } : {}),
        }),
        expect: 'error',
        codes: ['InvalidURI'],
      });
    },
  },
  {
    name: 'odd-query',
    weight: 4,
    make: (c) => {
      const q = c.d.pick([
        'max-keys=-1',
        'max-keys=abc',
        'max-keys=99999999999999999999',
        'list-type=3',
        'list-type=2&continuation-token=garbage',
        'list-type=2&continuation-token=%ZZ',
        'encoding-type=base64',
        'list-type=2&fetch-owner=maybe',
        'uploads&max-uploads=-5',
        'uploads&upload-id-marker=x',
        'prefix=%ZZ&delimiter=%E0%A4%A',
        'marker=%FF',
        'versions&max-keys=0',
        'uploads&key-marker=%C0%AF',
        'acl&policy&lifecycle',
      ]);
      return s3(`odd-query/${q.split('=')[0]}`, { request: c.wire.s3('GET', pathOf(c.w.s3.bucket), { query: q }), expect: 'any' });
    },
  },
  {
    name: 'bad-digest',
    weight: 6,
    make: (c) => {
      const key = c.d.pick(['keep/small', 'keep/big', 'keep/multi', c.fresh('never/put')]);
      const body = pattern(c.d.pick([0, 1, 100, 16 * 1024, 16 * 1024 + 1, 200 * 1024, 300 * 1024]), c.d.int(100));
      const variant = c.d.pick([
        'md5-wrong',
        'md5-malformed',
        'crc32-wrong',
        'crc32-malformed',
        'sha256-wrong',
        'sha256-header-wrong',
        'sha1-malformed',
      ]);
      const headers: Record<string, string> = {};
      let payloadHash: string | undefined;
      if (variant === 'md5-wrong') headers['content-md5'] = md5Base64(Buffer.concat([body, Buffer.from('x')]));
      if (variant === 'md5-malformed') headers['content-md5'] = c.d.pick(['not-base64', 'AAAA', '', '==', md5Base64(body).slice(2)]);
      if (variant === 'crc32-wrong') {
        const wrong = Buffer.alloc(4);
        wrong.writeUInt32BE((zlib.crc32(body) ^ 1) >>> 0);
        headers['x-amz-checksum-crc32'] = wrong.toString('base64');
      }
      if (variant === 'crc32-malformed') headers['x-amz-checksum-crc32'] = c.d.pick(['garbage', 'AAAAAAAA', '']);
      if (variant === 'sha1-malformed') headers['x-amz-checksum-sha1'] = 'abc';
      if (variant === 'sha256-wrong') payloadHash = c.d.bytes(32).toString('hex');
      if (variant === 'sha256-header-wrong') payloadHash = c.d.pick(['zz', 'UNSIGNED', 'STREAMING-NOPE', '0'.repeat(63)]);
      return s3(`bad-digest/${variant}`, {
        request: c.wire.s3('PUT', pathOf(c.w.s3.bucket, key), { body, headers, ...(payloadHash === undefined ? {} : { payloadHash }) }),
        expect: 'error',
      });
    },
  },
  {
    name: 'bad-headers',
    weight: 5,
    make: (c) => {
      const key = c.d.pick(['keep/small', 'keep/big']);
      const variants: (() => HostileCase)[] = [
        () =>
          s3('bad-headers/storage-class', {
            request: c.wire.s3('PUT', pathOf(c.w.s3.bucket, key), { body: 'x', headers: { 'x-amz-storage-class': 'DIAMOND' } }),
            expect: 'error',
          }),
        () =>
          s3('bad-headers/metadata-too-large', {
            request: c.wire.s3('PUT', pathOf(c.w.s3.bucket, key), { body: 'x', headers: { 'x-amz-meta-big': 'm'.repeat(2100) } }),
            expect: 'error',
          }),
        () =>
          s3('bad-headers/if-match', {
            request: c.wire.s3('PUT', pathOf(c.w.s3.bucket, key), {
              body: 'x',
              headers: { 'if-match': '"00000000000000000000000000000000"' },
            }),
            expect: 'error',
          }),
        () =>
          s3('bad-headers/if-none-match', {
            request: c.wire.s3('PUT', pathOf(c.w.s3.bucket, key), { body: 'x', headers: { 'if-none-match': '*' } }),
            expect: 'error',
          }),
        () =>
          s3('bad-headers/copy-source', {
            request: c.wire.s3('PUT', pathOf(c.w.s3.bucket, key), {
              headers: {
                'x-amz-copy-source': c.d.pick([
                  '%ZZ/x',
                  'nobucket',
                  '/',
                  `/${c.w.theirs.bucket}/${c.w.theirs.key}`,
                  `${c.w.s3.bucket}/missing`,
                  `${c.w.s3.bucket}/keep/small?versionId=`,
                  `/${c.w.s3.bucket}/%E0%A4%A`,
                ]),
              },
            }),
            expect: 'error',
          }),
        () =>
          s3('bad-headers/copy-part-range', {
            request: c.wire.s3('PUT', pathOf(c.w.s3.bucket, c.w.s3.upload.key), {
              query: `partNumber=1&uploadId=${c.w.s3.upload.id}`,
              headers: {
                'x-amz-copy-source': `/${c.w.s3.bucket}/keep/big`,
                'x-amz-copy-source-range': c.d.pick(['bytes=5-1', 'bytes=0-99999999', 'bytes=a-b', 'bytes=-', 'lines=0-1']),
              },
            }),
            expect: 'error',
          }),
        () =>
          s3('bad-headers/range', {
            request: c.wire.s3('GET', pathOf(c.w.s3.bucket, key), {
              headers: { range: c.d.pick(['bytes=9999999-', 'bytes=5-1', 'bytes=a-b', 'bytes=0-1,2-3,4-5', 'bytes=--1', 'pages=1-2']) },
            }),
            expect: 'any',
          }),
        () =>
          s3('bad-headers/conditions', {
            request: c.wire.s3('GET', pathOf(c.w.s3.bucket, key), {
              headers: { 'if-modified-since': 'yesterday', 'if-match': 'garbage', 'if-none-match': '' },
            }),
            expect: 'any',
          }),
        () =>
          s3('bad-headers/delete-if-match', {
            request: c.wire.s3('DELETE', pathOf(c.w.s3.bucket, key), { headers: { 'if-match': '"nope"' } }),
            expect: 'error',
          }),
      ];
      return c.d.pick(variants)();
    },
  },
  {
    name: 'aws-chunked',
    weight: 5,
    make: (c) => {
      const key = c.d.pick(['keep/small', 'keep/big', c.fresh('never/chunked')]);
      const data = pattern(c.d.pick([10, 5000, 70_000]), 3);
      const pieces = [data.subarray(0, Math.floor(data.length / 2)), data.subarray(Math.floor(data.length / 2))];
      const variant = c.d.pick([
        'bad-size',
        'missing-crlf',
        'wrong-signature',
        'truncated',
        'extra-after-final',
        'decoded-length',
        'huge-header',
        'bad-trailer',
        'size-overflow',
      ]);
      const unsignedTrailer = variant === 'bad-trailer';
      const headers: Record<string, string> = {
        host: c.wire.host,
        'content-encoding': 'aws-chunked',
        'x-amz-decoded-content-length': String(variant === 'decoded-length' ? data.length + 7 : data.length),
        ...(unsignedTrailer ? { 'x-amz-trailer': 'x-amz-checksum-crc32' } : {}),
      };
      const signed = signRequest({ method: 'PUT', path: pathOf(c.w.s3.bucket, key), headers }, c.w.main, {
        region: 'us-east-1',
        service: 's3',
        payloadHash: unsignedTrailer ? STREAMING_UNSIGNED_TRAILER : STREAMING_SIGNED,
      });
      let wire = Buffer.concat([
        ...encodeAwsChunked(pieces, {
          ...(unsignedTrailer ? { trailers: { 'x-amz-checksum-crc32': 'AAAAAA==' } } : { signing: signed.chunkSigning }),
        }),
      ]);
      const text = wire.toString('latin1');
      if (variant === 'bad-size') wire = Buffer.from(text.replace(/^[0-9a-f]+/, 'zz'), 'latin1');
      if (variant === 'missing-crlf') wire = Buffer.from(text.replace('\r\n', '\n'), 'latin1');
      if (variant === 'wrong-signature')
        wire = Buffer.from(
          text.replace(/chunk-signature=([0-9a-f])/, (_m, ch: string) => `chunk-signature=${ch === '0' ? '1' : '0'}`),
          'latin1',
        );
      if (variant === 'truncated') wire = wire.subarray(0, wire.length - c.d.between(3, 90));
      if (variant === 'extra-after-final') wire = Buffer.concat([wire, Buffer.from('5\r\nextra\r\n', 'latin1')]);
      if (variant === 'huge-header') wire = Buffer.concat([Buffer.from(`${'0'.repeat(5000)}1\r\n`, 'latin1'), wire]);
      if (variant === 'size-overflow') wire = Buffer.from(text.replace(/^[0-9a-f]+/, 'ffffffffffffff'), 'latin1');
      return s3(`aws-chunked/${variant}`, {
        request: {
          method: 'PUT',
          rawPath: pathOf(c.w.s3.bucket, key),
          headers: { ...signed.headers, 'content-length': String(wire.length) },
          body: wire,
        },
        expect: 'error',
      });
    },
  },
  {
    name: 'auth',
    weight: 5,
    make: (c) => {
      const method = c.d.pick(['PUT', 'DELETE', 'GET', 'POST']);
      const path = pathOf(c.w.s3.bucket, 'keep/small');
      const p = method === 'PUT' ? { body: 'overwritten?' } : method === 'POST' ? { query: 'delete', body: deleteDoc(c.w.s3.keys) } : {};
      const variant = c.d.pick([
        'wrong-secret',
        'unknown-key',
        'skewed',
        'mangled',
        'anonymous',
        'presigned-garbage',
        'signed-headers-missing',
      ]);
      let request = c.wire.s3(method, path, {
        ...p,
        ...(variant === 'wrong-secret' ? { credentials: { accessKeyId: c.w.main.accessKeyId, secretAccessKey: 'wrong' } } : {}),
        ...(variant === 'unknown-key' ? { credentials: { accessKeyId: 'CKNOBODY000000000000', secretAccessKey: 'x' } } : {}),
      });
      const headers = { ...request.headers } as Record<string, string>;
      if (variant === 'skewed') {
        const old = signRequest({ method, path, query: request.rawQuery ?? '', headers: { host: c.wire.host } }, c.w.main, {
          region: 'us-east-1',
          service: 's3',
          now: Date.now() - 3_600_000,
        });
        request = { ...request, headers: old.headers };
      } else if (variant === 'mangled') {
        headers.authorization = c.d.pick([
          'AWS4-HMAC-SHA256',
          'AWS4-HMAC-SHA256 Credential=',
          'AWS4-HMAC-SHA256 Credential=a/b/c, SignedHeaders=host, Signature=zz',
          'AWS4-HMAC-SHA512 Credential=x',
          `AWS ${c.w.main.accessKeyId}:`,
          'Bearer token',
          headers.authorization!.replace('us-east-1', 'eu-west-9'),
          headers.authorization!.replace('/s3/', '/glacierx/'),
        ]);
        request = { ...request, headers };
      } else if (variant === 'anonymous') {
        request = { ...request, headers: { host: c.wire.host } };
      } else if (variant === 'presigned-garbage') {
        request = {
          ...request,
          headers: { host: c.wire.host },
          rawQuery: c.d.pick([
            `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${c.w.main.accessKeyId}%2F20200101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=garbage&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=00`,
            `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=99999999999&X-Amz-Signature=00`,
            'X-Amz-Signature=%ZZ',
            `AWSAccessKeyId=${c.w.main.accessKeyId}&Expires=1&Signature=x`,
          ]),
        };
      } else if (variant === 'signed-headers-missing') {
        delete headers['x-amz-date'];
        request = { ...request, headers };
      }
      return s3(`auth/${variant}`, { request, expect: 'error' });
    },
  },
  {
    name: 'cross-account',
    weight: 3,
    make: (c) => {
      const t = c.w.theirs;
      const variants: (() => HostileCase)[] = [
        () =>
          s3('cross-account/delete-object', {
            request: c.wire.s3('DELETE', pathOf(t.bucket, t.key)),
            expect: 'error',
            codes: ['AccessDenied'],
          }),
        () =>
          s3('cross-account/overwrite', {
            request: c.wire.s3('PUT', pathOf(t.bucket, t.key), { body: 'mine now' }),
            expect: 'error',
            codes: ['AccessDenied'],
          }),
        () =>
          s3('cross-account/abort', {
            request: c.wire.s3('DELETE', pathOf(t.bucket, 'theirs/pending'), { query: `uploadId=${t.uploadId}` }),
            expect: 'error',
            codes: ['AccessDenied'],
          }),
        () =>
          s3('cross-account/delete-bucket', { request: c.wire.s3('DELETE', pathOf(t.bucket)), expect: 'error', codes: ['AccessDenied'] }),
        () =>
          s3('cross-account/their-key-on-mine', {
            request: c.wire.s3('DELETE', pathOf(c.w.s3.bucket, 'keep/small'), { credentials: c.w.other }),
            expect: 'error',
            codes: ['AccessDenied'],
          }),
      ];
      return c.d.pick(variants)();
    },
  },
  {
    name: 'refused-delete-bucket',
    weight: 1,
    make: (c) =>
      s3('refused-delete-bucket', {
        request: c.wire.s3('DELETE', pathOf(c.d.pick([c.w.s3.bucket, c.w.oss.bucket]))),
        expect: 'error',
        codes: ['BucketNotEmpty'],
      }),
  },
  {
    name: 'odd-method',
    weight: 1,
    make: (c) =>
      s3('odd-method', {
        request: c.wire.s3(c.d.pick(['PATCH', 'TRACE', 'PROPFIND', 'LOCK']), pathOf(c.w.s3.bucket, c.d.pick(['keep/small', '']))),
        expect: 'error',
      }),
  },
];
