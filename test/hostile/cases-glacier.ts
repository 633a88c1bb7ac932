import type { CaseContext, CaseFamily, HostileCase } from './case.js';
import { badEscapes, breakJson } from './mutations.js';
import { pattern } from './world.js';

const glacier = (label: string, c: Omit<HostileCase, 'label' | 'dialect'>): HostileCase => ({
  label: `glacier/${label}`,
  dialect: 'glacier',
  ...c,
});

/** Endpoints taking a JSON body, with a valid body to break and bodies that parse but must be refused. */
function jsonEndpoints(c: CaseContext) {
  const v = `/-/vaults/${c.w.glacier.vault}`;
  return [
    {
      name: 'initiate-job',
      method: 'POST',
      path: `${v}/jobs`,
      valid: '{"Type":"inventory-retrieval","Format":"JSON"}',
      refused: [
        '{"Type":"inventory-retrieval","Format":"XML"}',
        '{"Type":5}',
        '{"Type":"archive-retrieval"}',
        `{"Type":"archive-retrieval","ArchiveId":"${c.w.theirs.archiveId}"}`,
        '{"Type":"archive-retrieval","ArchiveId":""}',
        '{"Type":"select"}',
        '{"Type":"inventory-retrieval","Tier":"Instant"}',
        '{"Type":"inventory-retrieval","Description":"\\u0001"}',
        '{"Type":"inventory-retrieval","InventoryRetrievalParameters":{"Limit":"abc"}}',
        `{"Type":"archive-retrieval","ArchiveId":"${c.w.glacier.archiveId}","RetrievalByteRange":"5-1"}`,
        '{"Type":["inventory-retrieval"]}',
      ],
    },
    {
      name: 'access-policy',
      method: 'PUT',
      path: `${v}/access-policy`,
      valid: '{"Policy":"{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[]}"}',
      refused: ['{"Policy":5}', '{"Policy":{"Version":"2012-10-17"}}', '{"Policy":"not json"}', '{}', `{"Policy":"${'x'.repeat(21_000)}"}`],
    },
    {
      name: 'add-tags',
      method: 'POST',
      path: `${v}/tags`,
      query: 'operation=add',
      valid: '{"Tags":{"a":"b"}}',
      refused: [
        '{"Tags":"a=b"}',
        '{"Tags":[["a","b"]]}',
        '{"Tags":{"aws:reserved":"x"}}',
        `{"Tags":{"${'k'.repeat(129)}":"v"}}`,
        '{"Tags":{"a":5}}',
        '{}',
      ],
    },
    {
      name: 'data-retrieval-policy',
      method: 'PUT',
      path: '/-/policies/data-retrieval',
      valid: '{"Policy":{"Rules":[{"Strategy":"FreeTier"}]}}',
      refused: [
        '{"Policy":{"Rules":[{"Strategy":"Unlimited","BytesPerHour":5}]}}',
        '{"Policy":{"Rules":"x"}}',
        '{"Policy":{"Rules":[{"Strategy":"Bogus"}]}}',
        '{"Policy":5}',
      ],
    },
    {
      name: 'notifications',
      method: 'PUT',
      path: `${v}/notification-configuration`,
      valid: '{"SNSTopic":"arn:aws:sns:us-east-1:012345678901:t","Events":["ArchiveRetrievalCompleted"]}',
      refused: [
        '{"SNSTopic":5,"Events":[]}',
        '{"SNSTopic":"t","Events":["Nope"]}',
        '{"SNSTopic":"t","Events":"ArchiveRetrievalCompleted"}',
        '{"Events":["ArchiveRetrievalCompleted"]}',
      ],
    },
    {
      name: 'vault-lock',
      method: 'POST',
      path: `${v}/lock-policy`,
      valid: '{"Policy":"{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[]}"}',
      refused: ['{"Policy":7}', '{"Policy":"[not a policy"}', '{}'],
    },
  ];
}

export const glacierFamilies: readonly CaseFamily[] = [
  {
    name: 'json-body',
    weight: 6,
    make: (c) => {
      const endpoint = c.d.pick(jsonEndpoints(c));
      const broken = c.d.chance(0.5) ? breakJson(c.d, endpoint.valid) : { how: 'refused', body: Buffer.from(c.d.pick(endpoint.refused)) };
      return glacier(`json-body/${endpoint.name}/${broken.how}`, {
        request: c.wire.glacier(endpoint.method, endpoint.path, {
          body: broken.body,
          ...('query' in endpoint ? { query: endpoint.query } : {}),
        }),
        expect: 'error',
      });
    },
  },
  {
    name: 'delete-archive',
    weight: 5,
    make: (c) => {
      const id = c.d.pick([
        c.w.theirs.archiveId,
        c.d.bytes(103).toString('base64url'),
        'x',
        `${c.w.glacier.archiveId.startsWith('A') ? 'B' : 'A'}${c.w.glacier.archiveId.slice(1)}`,
      ]);
      return glacier('delete-archive', {
        request: c.wire.glacier('DELETE', `/-/vaults/${c.w.glacier.vault}/archives/${id}`),
        expect: 'error',
        codes: ['ResourceNotFoundException'],
      });
    },
  },
  {
    name: 'part-range',
    weight: 5,
    make: (c) => {
      const u = c.w.glacier.upload;
      const body = pattern(c.d.pick([1, 1000, 70_000]), 8);
      const range = c.d.pick([
        `bytes 1-${body.length}/*`,
        'bytes 0-0/*',
        `bytes -1-${body.length - 2}/*`,
        'bytes 0-99999999999999999/*',
        `bytes=0-${body.length - 1}`,
        '',
        `bytes ${u.partSize * 3}-${u.partSize * 3 + body.length - 1}/5`,
        `bytes ${u.partSize * 10_001}-${u.partSize * 10_001 + body.length - 1}/*`,
        `bytes ${body.length - 1}-0/*`,
        'bytes a-b/*',
      ]);
      const hash = c.d.pick(['garbage', '0'.repeat(64), c.d.bytes(32).toString('hex'), '']);
      return glacier('part-range', {
        request: c.wire.glacier('PUT', `/-/vaults/${c.w.glacier.vault}/multipart-uploads/${u.id}`, {
          body,
          headers: { ...(range === '' ? {} : { 'content-range': range }), ...(hash === '' ? {} : { 'x-amz-sha256-tree-hash': hash }) },
        }),
        expect: 'error',
      });
    },
  },
  {
    name: 'complete',
    weight: 3,
    make: (c) => {
      const u = c.w.glacier.upload;
      const size = c.d.pick([String(u.size + 1), '0', '-1', 'abc', '', String(u.size)]);
      // The right size with a wrong tree hash, or a wrong size with the right one: never both right.
      const hash = size === String(u.size) ? c.d.pick(['0'.repeat(64), 'garbage', '']) : c.d.pick([u.treeHash, 'garbage', '']);
      return glacier('complete', {
        request: c.wire.glacier('POST', `/-/vaults/${c.w.glacier.vault}/multipart-uploads/${u.id}`, {
          headers: { ...(size === '' ? {} : { 'x-amz-archive-size': size }), ...(hash === '' ? {} : { 'x-amz-sha256-tree-hash': hash }) },
        }),
        expect: 'error',
      });
    },
  },
  {
    name: 'upload-archive',
    weight: 3,
    make: (c) => {
      const body = pattern(c.d.pick([0, 10, 20_000, 300 * 1024]), 9);
      const hash = c.d.pick(['0'.repeat(64), 'nothex', '']);
      return glacier('upload-archive', {
        request: c.wire.glacier('POST', `/-/vaults/${c.w.glacier.vault}/archives`, {
          body,
          headers: {
            ...(hash === '' ? {} : { 'x-amz-sha256-tree-hash': hash }),
            'x-amz-archive-description': c.d.pick(['ok', '\u00e9\u00e9', 'x'.repeat(1025)]),
          },
        }),
        expect: 'error',
      });
    },
  },
  {
    name: 'bad-escape',
    weight: 4,
    make: (c) => {
      const bad = c.d.pick(badEscapes);
      const v = c.w.glacier.vault;
      const [method, rawPath] = c.d.pick([
        ['DELETE', `/-/vaults/${v}/archives/${bad}`],
        ['DELETE', `/-/vaults/${bad}`],
        ['PUT', `/-/vaults/${v}/multipart-uploads/${bad}`],
        ['GET', `/-/vaults/${v}/jobs/${bad}/output`],
        ['DELETE', `/${bad}/vaults/${v}`],
        ['POST', `/-/vaults/${v}${bad}/archives`],
      ] as const);
      return glacier(`bad-escape/${method}`, {
        request: c.wire.glacier(method, rawPath, method === 'PUT' ? { body: 'x' } : {}),
        expect: 'error',
      });
    },
  },
  {
    name: 'odd-query',
    weight: 3,
    make: (c) => {
      const v = `/-/vaults/${c.w.glacier.vault}`;
      const [path, query] = c.d.pick([
        ['/-/vaults', 'limit=0'],
        ['/-/vaults', 'limit=abc'],
        ['/-/vaults', 'limit=1001'],
        ['/-/vaults', 'marker=garbage'],
        [`${v}/jobs`, 'statuscode=Bogus'],
        [`${v}/jobs`, 'completed=maybe'],
        [`${v}/multipart-uploads/${c.w.glacier.upload.id}`, 'limit=-1'],
        [`${v}/multipart-uploads`, 'marker=%ZZ'],
        [`${v}/tags`, 'operation=explode'],
      ] as const);
      const method = path.endsWith('/tags') ? 'POST' : 'GET';
      return glacier('odd-query', {
        request: c.wire.glacier(method, path, { query, ...(method === 'POST' ? { body: '{"Tags":{"a":"b"}}' } : {}) }),
        expect: 'any',
      });
    },
  },
  {
    name: 'auth',
    weight: 3,
    make: (c) => {
      const v = c.w.glacier.vault;
      const variant = c.d.pick(['no-version', 'wrong-version', 'wrong-secret', 'other-account-id', 'anonymous']);
      const path = `/-/vaults/${v}/archives/${c.w.glacier.archiveId}`;
      if (variant === 'other-account-id') {
        return glacier('auth/other-account-id', {
          request: c.wire.glacier('DELETE', `/123456789012/vaults/${v}/archives/${c.w.glacier.archiveId}`),
          expect: 'error',
          codes: ['AccessDeniedException'],
        });
      }
      if (variant === 'anonymous')
        return glacier('auth/anonymous', {
          request: { method: 'DELETE', rawPath: path, headers: { host: c.wire.host, 'x-amz-glacier-version': '2012-06-01' } },
          expect: 'error',
        });
      const r = c.wire.glacier(
        'DELETE',
        path,
        variant === 'wrong-secret' ? { credentials: { accessKeyId: c.w.main.accessKeyId, secretAccessKey: 'wrong' } } : {},
      );
      const headers = { ...r.headers } as Record<string, string>;
      if (variant === 'no-version') delete headers['x-amz-glacier-version'];
      if (variant === 'wrong-version') headers['x-amz-glacier-version'] = '2099-01-01';
      return glacier(`auth/${variant}`, { request: { ...r, headers }, expect: 'error' });
    },
  },
  {
    name: 'cross-account',
    weight: 2,
    make: (c) =>
      glacier('cross-account', {
        request: c.wire.glacier('DELETE', `/-/vaults/${c.w.glacier.vault}/multipart-uploads/${c.w.glacier.upload.id}`, {
          credentials: c.w.other,
        }),
        expect: 'error',
        codes: ['ResourceNotFoundException'],
      }),
  },
];
