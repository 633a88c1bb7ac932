import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startCairnProcess, testCredentials } from '../support/cairn-process.js';
import { rawS3 } from '../support/raw-s3.js';

const cairnBin = path.resolve(import.meta.dirname, '..', '..', '..', 'bin', 'cairn.js');

function processState(pid: number): string | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) S ...": the state letter follows the command in parentheses.
    return /\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

async function until<T>(what: string, probe: () => T | undefined, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('the data-directory lock across crashes', () => {
  const cleanups: (() => void)[] = [];
  after(() => {
    for (const c of cleanups.reverse()) c();
  });

  it('refuses a second server on a data directory in use, and says why', async () => {
    const first = await startCairnProcess();
    cleanups.push(() => void first.dispose());
    await assert.rejects(startCairnProcess({ dataDir: first.dataDir }), /is in use by another Cairn server/);
    assert.equal((await fetch(`${first.url}/_cairn/health`)).status, 200, 'the first server is untouched');
    await first.dispose();
  });

  it('starts again after kill -9 although the killed pid lives on as a zombie named in the old pid file', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cairn-zombie-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const out = path.join(dataDir, '..', `${path.basename(dataDir)}.out`);
    const pidFile = `${out}.pid`;
    cleanups.push(
      () => rmSync(out, { force: true }),
      () => rmSync(pidFile, { force: true }),
    );
    // The server runs under a parent that never reaps its children (`exec sleep`), like an init-less container:
    // once killed, its pid stays taken by a zombie, and kill(pid, 0) still succeeds on it.
    const reaperless: ChildProcess = spawn(
      'sh',
      [
        '-c',
        `"${process.execPath}" "${cairnBin}" serve --port 0 --data-dir "${dataDir}" >"${out}" 2>&1 & echo $! >"${pidFile}"; exec sleep 600`,
      ],
      {
        env: { ...process.env, CAIRN_ROOT_ACCESS_KEY: testCredentials.accessKeyId, CAIRN_ROOT_SECRET_KEY: testCredentials.secretAccessKey },
        stdio: 'ignore',
      },
    );
    cleanups.push(() => reaperless.kill('SIGKILL'));
    const url = await until('the first server to listen', () => /Cairn listening on (\S+)/.exec(readText(out))?.[1]);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    const server = { url };
    assert.equal((await rawS3(server, { method: 'PUT', path: '/survivor' })).status, 200);
    assert.equal((await rawS3(server, { method: 'PUT', path: '/survivor/kept', body: 'acknowledged before the crash' })).status, 200);

    process.kill(pid, 'SIGKILL');
    await until('the killed server to become a zombie', () => (processState(pid) === 'Z' ? true : undefined));
    process.kill(pid, 0); // the old lock's liveness check: it succeeds, so the old lock refused to start here
    writeFileSync(path.join(dataDir, 'cairn.lock'), `${pid}\n`);

    const restarted = await startCairnProcess({ dataDir });
    cleanups.push(() => void restarted.stop());
    assert.equal((await fetch(`${restarted.url}/_cairn/health`)).status, 200);
    const got = await rawS3(restarted, { method: 'GET', path: '/survivor/kept' });
    assert.equal(got.status, 200);
    assert.equal(got.body, 'acknowledged before the crash');
    await restarted.stop();
  });

  it('starts again after kill -9 when the old pid file names another live process', async () => {
    const first = await startCairnProcess();
    cleanups.push(() => rmSync(first.dataDir, { recursive: true, force: true }));
    await first.kill();
    const bystander = spawn('sleep', ['600'], { stdio: 'ignore' });
    cleanups.push(() => bystander.kill('SIGKILL'));
    writeFileSync(path.join(first.dataDir, 'cairn.lock'), `${bystander.pid}\n`);
    const restarted = await startCairnProcess({ dataDir: first.dataDir });
    cleanups.push(() => void restarted.stop());
    assert.equal((await fetch(`${restarted.url}/_cairn/health`)).status, 200);
    await restarted.stop();
  });
});

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
