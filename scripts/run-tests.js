#!/usr/bin/env node
// Runs every compiled test file (unit tests beside their sources, e2e and compat tests in test/)
// with node's built-in runner. Usage: node scripts/run-tests.js [substring filters...]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const filters = process.argv.slice(2);

function collect(dir, out) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names.sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) collect(full, out);
    else if (name.endsWith('.test.js')) out.push(full);
  }
  return out;
}

const files = [...collect(path.join(root, 'dist', 'src'), []), ...collect(path.join(root, 'dist', 'test'), [])].filter(
  (f) => filters.length === 0 || filters.some((x) => f.includes(x)),
);
if (files.length === 0) {
  console.error('no test files found (did the build run?)');
  process.exit(1);
}
const args = ['--enable-source-maps', '--test', '--test-reporter=spec', '--test-timeout=600000', ...files];
const result = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
