import type { CaseContext, CaseFamily, HostileCase } from './case.js';
import { absurdPartNumbers, impossibleXmlPartNumbers } from './cases-s3.js';
import { badEscapes, breakXml } from './mutations.js';
import { pathOf } from './wire.js';
import { completeXml, md5Base64, pattern } from './world.js';

const oss = (label: string, c: Omit<HostileCase, 'label' | 'dialect'>): HostileCase => ({ label: `oss/${label}`, dialect: 'oss', ...c });
const version = (c: CaseContext) => c.d.pick(['V1', 'V4'] as const);

function deleteDoc(keys: readonly string[], quiet = 'false'): string {
  return `<Delete><Quiet>${quiet}</Quiet>${keys.map((k) => `<Object><Key>${k}</Key></Object>`).join('')}</Delete>`;
}

export const ossFamilies: readonly CaseFamily[] = [
  {
    name: 'complete-xml',
    weight: 4,
    make: (c) => {
      const u = c.w.oss.upload;
      const [p1] = u.parts;
      const variants = [
        () => breakXml(c.d, completeXml(u.parts)),
        () => ({ how: 'missing-part', body: Buffer.from(completeXml([...u.parts, { partNumber: 2, etag: p1!.etag }])) }),
        () => ({ how: 'wrong-etag', body: Buffer.from(completeXml([{ partNumber: 1, etag: '"00000000000000000000000000000000"' }])) }),
        () => ({
          how: 'absurd-number',
          body: Buffer.from(completeXml([{ partNumber: c.d.pick(impossibleXmlPartNumbers) as unknown as number, etag: p1!.etag }])),
        }),
        // A part listed twice completes with its last entry (a part sent again): here that entry's ETag is stale.
        () => ({
          how: 'duplicate-stale-last',
          body: Buffer.from(completeXml([p1!, { partNumber: 1, etag: '"00000000000000000000000000000000"' }])),
        }),
      ];
      const broken = c.d.pick(variants)();
      const v = version(c);
      return oss(`complete-xml/${broken.how}`, {
        request: c.wire.oss(
          v,
          'POST',
          pathOf(c.w.oss.bucket, u.key),
          { bucket: c.w.oss.bucket, key: u.key },
          { query: `uploadId=${u.id}`, body: broken.body },
        ),
        expect: 'error',
      });
    },
  },
  {
    name: 'delete-multiple-xml',
    weight: 5,
    make: (c) => {
      const doc = deleteDoc(c.w.oss.keys);
      const variants = [
        () => breakXml(c.d, doc),
        () => ({ how: 'quiet-maybe', body: Buffer.from(deleteDoc(c.w.oss.keys, 'maybe')) }),
        () => ({
          how: 'thousand-and-one',
          body: Buffer.from(deleteDoc([...c.w.oss.keys, ...Array.from({ length: 1000 }, (_, i) => `ghost-${i}`)])),
        }),
        () => ({ how: 'no-objects', body: Buffer.from('<Delete><Quiet>false</Quiet></Delete>') }),
      ];
      const broken = c.d.pick(variants)();
      const withMd5 = c.d.chance(0.7);
      return oss(`delete-multiple-xml/${broken.how}`, {
        request: c.wire.oss(
          version(c),
          'POST',
          `/${c.w.oss.bucket}/`,
          { bucket: c.w.oss.bucket, key: '' },
          {
            query: 'delete',
            body: broken.body,
            headers: { 'content-type': 'application/xml', ...(withMd5 ? { 'content-md5': md5Base64(broken.body) } : {}) },
          },
        ),
        expect: 'error',
      });
    },
  },
  {
    name: 'lifecycle-xml',
    weight: 2,
    make: (c) => {
      const valid =
        '<LifecycleConfiguration><Rule><ID>r</ID><Prefix>never/</Prefix><Status>Enabled</Status><AbortMultipartUpload><Days>3</Days></AbortMultipartUpload></Rule></LifecycleConfiguration>';
      const variants = [
        () => breakXml(c.d, valid),
        () => ({
          how: 'days-and-date',
          body: Buffer.from(
            valid.replace('<Days>3</Days>', '<Days>3</Days><CreatedBeforeDate>2020-01-01T00:00:00.000Z</CreatedBeforeDate>'),
          ),
        }),
        () => ({ how: 'days-text', body: Buffer.from(valid.replace('>3<', '>three<')) }),
        () => ({ how: 'status-maybe', body: Buffer.from(valid.replace('Enabled', 'Maybe')) }),
      ];
      const broken = c.d.pick(variants)();
      return oss(`lifecycle-xml/${broken.how}`, {
        request: c.wire.oss(
          version(c),
          'PUT',
          `/${c.w.oss.bucket}/`,
          { bucket: c.w.oss.bucket, key: '' },
          { query: 'lifecycle', body: broken.body },
        ),
        expect: 'error',
      });
    },
  },
  {
    name: 'part-number',
    weight: 3,
    make: (c) => {
      const u = c.w.oss.upload;
      const n = c.d.pick(absurdPartNumbers);
      return oss('part-number', {
        request: c.wire.oss(
          version(c),
          'PUT',
          pathOf(c.w.oss.bucket, u.key),
          { bucket: c.w.oss.bucket, key: u.key },
          {
            query: `partNumber=${encodeURIComponent(n)}&uploadId=${u.id}`,
            body: pattern(c.d.between(1, 3000), 2),
          },
        ),
        expect: 'error',
      });
    },
  },
  {
    name: 'append',
    weight: 3,
    make: (c) => {
      const key = c.w.oss.appendKey;
      const position = c.d.pick([
        '0',
        String(c.w.oss.appendLength + 1),
        String(c.w.oss.appendLength - 1),
        '-1',
        'abc',
        '99999999999999999999',
        '',
      ]);
      const target = c.d.chance(0.8) ? key : 'oss/a'; // oss/a is a normal object: not appendable
      return oss('append', {
        request: c.wire.oss(
          version(c),
          'POST',
          pathOf(c.w.oss.bucket, target),
          { bucket: c.w.oss.bucket, key: target },
          {
            query: `append&position=${encodeURIComponent(target === key ? position : String(c.w.oss.appendLength))}`,
            body: 'appended again?',
          },
        ),
        expect: 'error',
      });
    },
  },
  {
    name: 'bad-escape',
    weight: 4,
    make: (c) => {
      const bad = c.d.pick(badEscapes);
      const method = c.d.pick(['GET', 'PUT', 'DELETE', 'HEAD']);
      const rawPath = c.d.pick([`/${c.w.oss.bucket}/oss/a${bad}`, `/${c.w.oss.bucket}/${bad}`, `/${bad}/oss/a`]);
      return oss(`bad-escape/${method}`, {
        request: c.wire.oss(
          version(c),
          method,
          rawPath,
          { bucket: c.w.oss.bucket, key: 'oss/a' },
          method === 'PUT' ? { body: 'overwritten?' } : {},
        ),
        expect: 'error',
      });
    },
  },
  {
    name: 'bad-md5',
    weight: 4,
    make: (c) => {
      const key = c.d.pick(['oss/a', 'oss/b', 'oss/append']);
      const body = pattern(c.d.pick([1, 1000, 20_000, 300 * 1024]), 5);
      const md5 = c.d.pick([md5Base64(Buffer.concat([body, Buffer.from('!')])), 'garbage', '', 'AAAAAAAAAAAAAAAAAAAAAA==']);
      return oss('bad-md5', {
        request: c.wire.oss(
          version(c),
          'PUT',
          pathOf(c.w.oss.bucket, key),
          { bucket: c.w.oss.bucket, key },
          { body, headers: { 'content-md5': md5 } },
        ),
        expect: 'error',
      });
    },
  },
  {
    name: 'copy-source',
    weight: 3,
    make: (c) => {
      const source = c.d.pick([
        '/%ZZ/x',
        'nobucket',
        '/',
        `/${c.w.theirs.bucket}/${c.w.theirs.key}`,
        `/${c.w.oss.bucket}/missing`,
        `/${c.w.oss.bucket}/oss/a?versionId=7`,
        `/${c.w.oss.bucket}/%E0%A4%A`,
      ]);
      return oss('copy-source', {
        request: c.wire.oss(
          version(c),
          'PUT',
          pathOf(c.w.oss.bucket, 'oss/b'),
          { bucket: c.w.oss.bucket, key: 'oss/b' },
          { headers: { 'x-oss-copy-source': source } },
        ),
        expect: 'error',
      });
    },
  },
  {
    name: 'auth',
    weight: 4,
    make: (c) => {
      const key = 'oss/a';
      const target = { bucket: c.w.oss.bucket, key };
      const variant = c.d.pick(['wrong-secret', 'unknown-key', 'wrong-region', 'mangled', 'anonymous', 'presigned-expired']);
      const method = c.d.pick(['PUT', 'DELETE', 'GET', 'HEAD']);
      const body = method === 'PUT' ? { body: 'overwritten?' } : {};
      if (variant === 'wrong-region') {
        const r = c.wire.oss('V4', method, pathOf(c.w.oss.bucket, key), target, body);
        return oss('auth/wrong-region', {
          request: {
            ...r,
            headers: { ...r.headers, authorization: String(r.headers?.authorization).replace('cn-hangzhou', 'cn-beijing') },
          },
          expect: 'error',
        });
      }
      if (variant === 'mangled' || variant === 'anonymous') {
        const authorization = c.d.pick([
          'OSS',
          'OSS4-HMAC-SHA256',
          'OSS ak',
          'OSS :',
          'OSS4-HMAC-SHA256 Credential=x/y',
          'OSS4-HMAC-SHA256 Signature=',
          'oss a:b',
        ]);
        return oss(`auth/${variant}`, {
          request: {
            method,
            rawPath: pathOf(c.w.oss.bucket, key),
            headers: { host: c.wire.host, 'x-oss-date': new Date().toUTCString(), ...(variant === 'mangled' ? { authorization } : {}) },
            ...body,
          },
          expect: 'error',
        });
      }
      if (variant === 'presigned-expired') {
        return oss('auth/presigned-expired', {
          request: {
            method,
            rawPath: pathOf(c.w.oss.bucket, key),
            rawQuery: `OSSAccessKeyId=${c.w.main.accessKeyId}&Expires=1&Signature=abc%3D`,
            headers: { host: c.wire.host },
            ...body,
          },
          expect: 'error',
        });
      }
      const credentials =
        variant === 'wrong-secret'
          ? { accessKeyId: c.w.main.accessKeyId, secretAccessKey: 'wrong' }
          : { accessKeyId: 'LTAINOBODY', secretAccessKey: 'x' };
      return oss(`auth/${variant}`, {
        request: c.wire.oss(version(c), method, pathOf(c.w.oss.bucket, key), target, { ...body, credentials }),
        expect: 'error',
      });
    },
  },
  {
    name: 'cross-account',
    weight: 2,
    make: (c) =>
      oss('cross-account', {
        request: c.wire.oss(
          version(c),
          c.d.pick(['DELETE', 'PUT']),
          pathOf(c.w.theirs.bucket, c.w.theirs.key),
          { bucket: c.w.theirs.bucket, key: c.w.theirs.key },
          { body: 'mine now' },
        ),
        expect: 'error',
        codes: ['AccessDenied'],
      }),
  },
  {
    name: 'odd-query',
    weight: 2,
    make: (c) => {
      const q = c.d.pick([
        'max-keys=-1',
        'max-keys=abc',
        'uploads&max-uploads=0',
        'list-type=2&continuation-token=%ZZ',
        'encoding-type=base64',
        'marker=%FF',
        'uploads&key-marker=%C0%AF',
      ]);
      return oss('odd-query', {
        request: c.wire.oss(version(c), 'GET', `/${c.w.oss.bucket}/`, { bucket: c.w.oss.bucket, key: '' }, { query: q }),
        expect: 'any',
      });
    },
  },
  {
    name: 'missing-head',
    weight: 1,
    make: (c) =>
      oss('missing-head', {
        request: c.wire.oss(version(c), 'HEAD', pathOf(c.w.oss.bucket, 'oss/missing'), { bucket: c.w.oss.bucket, key: 'oss/missing' }),
        expect: 'error',
      }),
  },
];
