import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { cairnCli, freshHome } from './cli-support.js';

const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string };
const names = ['serve', 'ls', 'cp', 'mv', 'rm', 'cat', 'stat', 'mb', 'rb', 'parts', 'lifecycle', 'uploads', 'usage', 'admin'];

describe('cairn help, --version and completion', () => {
  const home = freshHome();
  const env = { HOME: home };
  after(() => rmSync(home, { recursive: true, force: true }));

  it('prints the version', async () => {
    for (const flag of ['--version', 'version']) {
      const r = await cairnCli([flag], env);
      assert.equal(r.code, 0);
      assert.equal(r.stdout, `cairn ${pkg.version}\n`);
    }
    assert.equal((await cairnCli(['--version', '--bogus'], env)).code, 2);
  });

  it('lists every command, and prints each one’s usage with cairn help COMMAND or COMMAND --help', async () => {
    const overview = await cairnCli(['help'], env);
    assert.equal(overview.code, 0);
    for (const name of names) assert.match(overview.stdout, new RegExp(`^  ${name} +\\S`, 'm'), name);
    for (const name of names) {
      const help = await cairnCli(['help', name], env);
      assert.equal(help.code, 0, name);
      assert.match(help.stdout, new RegExp(`usage: cairn ${name}`), name);
      const flag = await cairnCli([name, '--help'], env);
      assert.equal(flag.stdout, help.stdout, `${name} --help`);
    }
    assert.match((await cairnCli(['help', 'parts', 'clean'], env)).stdout, /^usage: cairn parts clean/);
    const none = await cairnCli(['help', 'nope'], env);
    assert.equal(none.code, 2);
    const bare = await cairnCli([], env);
    assert.equal(bare.code, 2, 'no command is a usage error');
    assert.match(bare.stderr, /Usage: cairn <command>/);
    const unknown = await cairnCli(['frobnicate'], env);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command 'frobnicate'/);
  });

  it('prints a bash completion script that bash accepts and that completes commands and flags', async () => {
    const r = await cairnCli(['completion', 'bash'], env);
    assert.equal(r.code, 0);
    const script = path.join(home, 'completion.bash');
    writeFileSync(script, r.stdout);
    execFileSync('bash', ['-n', script]);
    const complete = (line: string) =>
      execFileSync(
        'bash',
        ['-c', `source ${script}; COMP_WORDS=(${line}); COMP_CWORD=$((\${#COMP_WORDS[@]}-1)); _cairn; echo "\${COMPREPLY[@]}"`],
        {
          encoding: 'utf8',
        },
      ).trim();
    assert.equal(complete('cairn pa'), 'parts');
    assert.equal(complete('cairn parts cl'), 'clean');
    assert.match(complete('cairn cp --part'), /--part-size/);
  });
});
