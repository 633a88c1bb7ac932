import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

describe('docs/errors.md', () => {
  it('lists every core error code with how each dialect renders it, exactly as the code does', () => {
    const expected = execFileSync(process.execPath, [path.join(root, 'scripts', 'errors-doc.js')], { encoding: 'utf8' })
      .trim()
      .split('\n');
    const documented = readFileSync(path.join(root, 'docs', 'errors.md'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('|'));
    assert.deepEqual(documented, expected, 'regenerate the table with `node scripts/errors-doc.js`');
  });
});
