import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { adminEndpoints, MAX_ADMIN_BODY } from '../../src/admin-api/admin-endpoints.js';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

describe('docs/admin-api.md', () => {
  const doc = readFileSync(path.join(root, 'docs', 'admin-api.md'), 'utf8');
  const section = (title: string) => doc.slice(doc.indexOf(title), doc.indexOf('\n\n', doc.indexOf(title) + title.length + 2));

  it('documents every query parameter and body member each endpoint accepts', () => {
    const queryTable = section('Query parameters:');
    const bodyTable = section('Body members:');
    for (const [route, schema] of Object.entries(adminEndpoints)) {
      for (const name of Object.keys(schema.query))
        assert.ok(queryTable.includes(`\`${name}\``), `${route}: query parameter ${name} is not documented`);
      for (const name of schema.body?.members ?? [])
        assert.ok(bodyTable.includes(`| \`${name}\``), `${route}: body member ${name} is not documented`);
    }
  });

  it('states the body size limit the server enforces', () => {
    assert.ok(doc.includes(`at most ${MAX_ADMIN_BODY / 1024} KiB`), `the doc should say ${MAX_ADMIN_BODY / 1024} KiB`);
  });
});
