import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { optionSpecs, type OptionSpec } from '../../src/config/options.js';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

describe('README', () => {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

  it('documents every option with its flag, environment variable and default', () => {
    for (const spec of optionSpecs as readonly OptionSpec[]) {
      const row = readme.split('\n').find((l) => l.includes(`\`${spec.env}\``));
      assert.ok(row, `README has no row for ${spec.env}`);
      if (spec.flag !== '') assert.ok(row.includes(`\`${spec.flag}\``), `${spec.env} row lacks ${spec.flag}`);
      if (spec.default !== '') assert.ok(row.includes(`\`${spec.default}\``), `${spec.env} row lacks default ${spec.default}`);
    }
  });

  it('keeps the two commands of a fresh machine: install+start, and the whole test suite', () => {
    assert.match(readme, /```sh\nnpm install && npm start\n```/);
    assert.match(readme, /```sh\nnpm test\n```/);
  });
});
