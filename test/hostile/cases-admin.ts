import type { CaseFamily, HostileCase } from './case.js';
import { badEscapes, breakJson } from './mutations.js';

const admin = (label: string, c: Omit<HostileCase, 'label' | 'dialect'>): HostileCase => ({
  label: `admin/${label}`,
  dialect: 'admin',
  ...c,
});

/** Abort filters that must abort nothing: the issue's own four, and everything else that is not an explicit selection. */
const refusedFilters = [
  '"str"',
  '{"uploadIds":"notarray"}',
  '{"initiatedBefore":"garbage"}',
  '{"initiatedBefore":12345}',
  '{}',
  '',
  '[]',
  'null',
  '{"all":false}',
  '{"all":"true"}',
  '{"all":1}',
  '{"all":null}',
  '{"all":[true]}',
  '{"prefix":""}',
  '{"prefix":"keep/"}',
  '{"initiatedBefore":"2099-01-01T00:00:00Z"}',
  '{"uploadIds":[]}',
  '{"uploadIds":[1,2]}',
  '{"uploadIds":[null]}',
  '{"uploadIds":{"0":"x"}}',
  '{"all":true,"uploadIds":["x"]}',
  '{"ALL":true}',
  '{"all ":true}',
  '{"all":true,"prefx":"x"}',
  '{"all":true,"initiatedbefore":"2020-01-01"}',
  '{"all":true,"initiatedBefore":"2026-02-30"}',
  '{"all":true,"initiatedBefore":"yesterday"}',
  '{"all":true,"initiatedBefore":""}',
  '{"all":true,"prefix":null}',
  '{"all":true,"__proto__":{"x":1}}',
  '{"all":true,"constructor":{}}',
];

export const adminFamilies: readonly CaseFamily[] = [
  {
    name: 'abort-filter',
    weight: 8,
    make: (c) => {
      const bucket = c.d.pick([c.w.s3.bucket, c.w.oss.bucket]);
      const body = c.d.chance(0.6)
        ? { how: 'refused', body: Buffer.from(c.d.pick(refusedFilters)) }
        : breakJson(c.d, '{"all":true,"prefix":"keep/"}');
      return admin(`abort-filter/${body.how}`, {
        request: c.wire.admin('POST', `/_cairn/admin/v1/buckets/${bucket}/uploads/abort`, { body: body.body }),
        expect: 'error',
      });
    },
  },
  {
    name: 'bad-escape',
    weight: 4,
    make: (c) => {
      const bad = c.d.pick(badEscapes);
      const [method, rawPath] = c.d.pick([
        ['GET', `/_cairn/admin/v1/${bad}`],
        ['GET', `/_cairn/admin/v1/accounts/${bad}`],
        ['GET', `/_cairn/admin/v1/buckets/${bad}/uploads`],
        ['POST', `/_cairn/admin/v1/buckets/${bad}/uploads/abort`],
        ['DELETE', `/_cairn/admin/v1/buckets/${c.w.s3.bucket}/uploads/${bad}`],
        ['GET', `/_cairn/admin/v1/buckets/${c.w.s3.bucket}/uploads/${bad}/parts`],
        ['GET', `/_cairn/console/${bad}`],
        ['GET', `/console/${bad}`],
      ] as const);
      return admin(`bad-escape/${method}`, {
        request: c.wire.admin(method, rawPath, method === 'POST' ? { body: '{"all":true}' } : {}),
        expect: 'error',
        codes: ['InvalidURI'],
      });
    },
  },
  {
    name: 'bad-query',
    weight: 3,
    make: (c) => {
      const [rawPath, query] = c.d.pick([
        [`/_cairn/admin/v1/buckets/${c.w.s3.bucket}/uploads`, 'limit=abc'],
        [`/_cairn/admin/v1/buckets/${c.w.s3.bucket}/uploads`, 'limit=0'],
        [`/_cairn/admin/v1/buckets/${c.w.s3.bucket}/uploads`, 'pageToken=%FF%FF'],
        [`/_cairn/admin/v1/buckets/${c.w.s3.bucket}/uploads`, 'limit=1&limit=2'],
        [`/_cairn/admin/v1/buckets/${c.w.s3.bucket}/uploads/${c.w.s3.upload.id}/parts`, 'after=-1'],
        ['/_cairn/admin/v1/buckets', 'namespace=everything'],
        ['/_cairn/admin/v1/usage', 'from=2026-13-01'],
        ['/_cairn/admin/v1/usage', 'from=2026-02-01&to=2026-01-01'],
        ['/_cairn/admin/v1/lifecycle/passes', 'before=abc'],
        ['/_cairn/admin/v1/lifecycle/passes/1', 'limit=100000'],
        ['/_cairn/admin/v1/whoami', 'debug=1'],
      ] as const);
      return admin('bad-query', { request: c.wire.admin('GET', rawPath, { query }), expect: 'error' });
    },
  },
  {
    name: 'bad-body',
    weight: 3,
    make: (c) => {
      const [method, rawPath, body] = c.d.pick([
        ['POST', '/_cairn/admin/v1/lifecycle/run', '{"dryRun":"yes"}'],
        ['POST', '/_cairn/admin/v1/lifecycle/run', '{"at":1700000000000}'],
        ['POST', '/_cairn/admin/v1/lifecycle/run', '{"at":"soon"}'],
        ['POST', '/_cairn/admin/v1/lifecycle/run', '{"dryRun":false,"force":true}'],
        ['POST', '/_cairn/admin/v1/accounts', '{"name":"bad name!"}'],
        ['POST', '/_cairn/admin/v1/accounts', `{"name":"${'x'.repeat(64)}"}`],
        ['POST', '/_cairn/admin/v1/accounts', '{"name":"hostile-other"}'],
        ['POST', '/_cairn/admin/v1/accounts', '{"name":7}'],
        ['POST', '/_cairn/admin/v1/accounts', '{"displayName":"no name"}'],
        ['GET', '/_cairn/admin/v1/accounts', '{"all":true}'],
        ['DELETE', `/_cairn/admin/v1/buckets/${c.w.s3.bucket}/uploads/${c.w.s3.upload.id}`, '{"really":true}'],
      ] as const);
      return admin('bad-body', { request: c.wire.admin(method, rawPath, { body }), expect: 'error' });
    },
  },
  {
    name: 'auth',
    weight: 3,
    make: (c) => {
      const variant = c.d.pick(['anonymous', 'wrong-secret', 'not-admin', 'not-owner']);
      const abort = `/_cairn/admin/v1/buckets/${c.w.s3.bucket}/uploads/abort`;
      if (variant === 'anonymous')
        return admin('auth/anonymous', {
          request: { method: 'POST', rawPath: abort, headers: { host: c.wire.host }, body: '{"all":true}' },
          expect: 'error',
        });
      if (variant === 'wrong-secret') {
        return admin('auth/wrong-secret', {
          request: c.wire.admin('POST', abort, {
            body: '{"all":true}',
            credentials: { accessKeyId: c.w.main.accessKeyId, secretAccessKey: 'wrong' },
          }),
          expect: 'error',
        });
      }
      if (variant === 'not-admin') {
        return admin('auth/not-admin', {
          request: c.wire.admin('POST', '/_cairn/admin/v1/accounts', { body: '{"name":"sneaky"}', credentials: c.w.other }),
          expect: 'error',
          codes: ['AccessDenied'],
        });
      }
      return admin('auth/not-owner', {
        request: c.wire.admin('POST', abort, { body: '{"all":true}', credentials: c.w.other }),
        expect: 'error',
        codes: ['AccessDenied'],
      });
    },
  },
];
