import type { CaseContext, CaseFamily, HostileCase } from './case.js';
import type { DialectName } from './wire-format.js';
import { pathOf } from './wire.js';
import { pattern } from './world.js';

/** A request aimed at each dialect, to carry transport mischief; signed, so only the mischief is wrong. */
function target(c: CaseContext, method: string, body?: Buffer): { dialect: DialectName; request: HostileCase['request'] } {
  const dialect = c.d.pick(['s3', 'oss', 'glacier', 'admin'] as const);
  switch (dialect) {
    case 's3':
      return { dialect, request: c.wire.s3(method, pathOf(c.w.s3.bucket, 'keep/big'), body === undefined ? {} : { body }) };
    case 'oss':
      return {
        dialect,
        request: c.wire.oss(
          'V4',
          method,
          pathOf(c.w.oss.bucket, 'oss/a'),
          { bucket: c.w.oss.bucket, key: 'oss/a' },
          body === undefined ? {} : { body },
        ),
      };
    case 'glacier':
      return method === 'GET'
        ? { dialect, request: c.wire.glacier('GET', `/-/vaults/${c.w.glacier.vault}`) }
        : {
            dialect,
            request: c.wire.glacier('POST', `/-/vaults/${c.w.glacier.vault}/archives`, {
              ...(body === undefined ? {} : { body }),
              headers: { 'x-amz-sha256-tree-hash': '0'.repeat(64) },
            }),
          };
    case 'admin':
      return {
        dialect,
        request: c.wire.admin(
          method === 'GET' ? 'GET' : 'POST',
          `/_cairn/admin/v1/buckets/${c.w.s3.bucket}/uploads${method === 'GET' ? '' : '/abort'}`,
          { body: body ?? '' },
        ),
      };
  }
}

export const transportFamilies: readonly CaseFamily[] = [
  {
    name: 'header-flood',
    weight: 4,
    make: (c) => {
      const { dialect, request } = target(c, 'GET');
      const headers: Record<string, string> = { ...request.headers };
      const variant = c.d.pick(['one-huge', 'thousands', 'just-under']);
      if (variant === 'one-huge') headers['x-flood'] = 'f'.repeat(c.d.between(17_000, 64_000));
      if (variant === 'thousands') for (let i = 0; i < c.d.between(1500, 3000); i++) headers[`x-flood-${i}`] = 'flood';
      // Under the limit the request goes through: unsigned extra headers change nothing, and a GET reads.
      if (variant === 'just-under') for (let i = 0; i < 400; i++) headers[`x-flood-${i}`] = 'v'.repeat(20);
      return {
        label: `transport/header-flood/${variant}`,
        dialect,
        request: { ...request, headers },
        expect: variant === 'just-under' ? 'any' : 'error',
      };
    },
  },
  {
    name: 'drop-mid-body',
    weight: 3,
    make: (c) => {
      const body = pattern(c.d.pick([30_000, 400_000, 2_000_000]), c.d.int(50));
      const { dialect, request } = target(c, 'PUT', body);
      return { label: `transport/drop-mid-body/${dialect}`, dialect, request, expect: 'any', transport: 'drop-mid-body' };
    },
  },
  {
    name: 'drop-mid-response',
    weight: 2,
    make: (c) => {
      const { dialect, request } = target(c, 'GET');
      return { label: `transport/drop-mid-response/${dialect}`, dialect, request, expect: 'any', transport: 'drop-mid-response' };
    },
  },
  {
    name: 'not-http',
    weight: 2,
    make: (c) => {
      const bytes = c.d.pick([
        () => c.d.bytes(c.d.between(1, 200)),
        () => Buffer.from('GET / HTTP/9.9\r\n\r\n'),
        () => Buffer.from(`PUT /${c.w.s3.bucket}/keep/small HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n`),
        () =>
          Buffer.from(
            `PUT /${c.w.s3.bucket}/keep/small HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
          ),
        () =>
          Buffer.from(`PUT /${c.w.s3.bucket}/keep/small HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n`),
        () => Buffer.from(`GET /${c.w.s3.bucket}/keep/small HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n`),
        () => Buffer.from(`GET /${c.w.s3.bucket}/k\x00ey HTTP/1.1\r\nHost: x\r\n\r\n`, 'latin1'),
        () => Buffer.from(`GET /${c.w.s3.bucket}/\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n`, 'latin1'),
      ])();
      return {
        label: 'transport/not-http',
        dialect: 's3',
        request: { method: 'GET', rawPath: '/' },
        expect: 'error',
        transport: 'raw-bytes',
        rawBytes: bytes,
      };
    },
  },
  {
    name: 'oversized-document',
    weight: 1,
    make: (c) => {
      // Sent without a declared length, so the server must stop reading at its limit rather than before it.
      const [dialect, request, size] = c.d.pick([
        ['s3', c.wire.s3('POST', pathOf(c.w.s3.bucket), { query: 'delete' }), 2 * 1024 * 1024 + 10],
        [
          'oss',
          c.wire.oss('V1', 'POST', `/${c.w.oss.bucket}/`, { bucket: c.w.oss.bucket, key: '' }, { query: 'delete' }),
          2 * 1024 * 1024 + 10,
        ],
        ['glacier', c.wire.glacier('POST', `/-/vaults/${c.w.glacier.vault}/jobs`), 64 * 1024 + 10],
        ['admin', c.wire.admin('POST', `/_cairn/admin/v1/buckets/${c.w.s3.bucket}/uploads/abort`), 256 * 1024 + 10],
      ] as const);
      const piece = Buffer.alloc(64 * 1024, 0x20);
      const pieces = Array.from({ length: Math.ceil(size / piece.length) }, () => piece);
      const headers = { ...request.headers } as Record<string, string>;
      delete headers['content-length'];
      // Glacier and the admin API sign the body's hash; a wrong one would be refused earlier, so send them unsigned-length but hashed wrong is fine: either way, refused.
      return { label: `transport/oversized-document/${dialect}`, dialect, request: { ...request, headers, body: pieces }, expect: 'error' };
    },
  },
];
