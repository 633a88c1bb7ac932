import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { s3Client } from '../support/s3-client.js';
import { tempFile } from '../support/temp-file.js';
import { cairnBin, cairnEnv, freshHome, sha256 } from './cli-support.js';

const MiB = 1024 * 1024;
const SIZE = 200 * MiB;
const PART = 5 * MiB;
const PARTS = SIZE / PART;
const BUCKET = 'terminal';

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** A tmux server of our own (Debian's tmux; .ci/run installs it) running commands in a real terminal. */
class Tmux {
  readonly socket = `cairn-cli-test-${process.pid}`;
  run(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }
  /** Starts `command` in a new 120x12 session; the shell prints CAIRN_EXIT=<code> when it ends. */
  start(session: string, env: Record<string, string>, command: string[]): void {
    const line = `env ${Object.entries(env)
      .map(([k, v]) => `${k}=${quote(v)}`)
      .join(' ')} ${command.map(quote).join(' ')}; echo CAIRN_EXIT=$?; sleep 600`;
    this.run('new-session', '-d', '-s', session, '-x', '120', '-y', '12', line);
  }
  screen(session: string): string {
    return this.run('capture-pane', '-p', '-J', '-t', session);
  }
  async waitFor(session: string, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const m = pattern.exec(this.screen(session));
      if (m !== null) return m;
      if (Date.now() > end) throw new Error(`timed out waiting for ${String(pattern)}; screen:\n${this.screen(session)}`);
      await sleep(50);
    }
  }
  kill(): void {
    try {
      this.run('kill-server');
    } catch {
      // already gone
    }
  }
}

interface AccessLine {
  operation?: string;
  status?: number;
}

describe('cairn cp in a real terminal: progress bar, Ctrl-C, resume', () => {
  let server: CairnProcess;
  let s3: S3Client;
  let home: string;
  let file: ReturnType<typeof tempFile>;
  const tmux = new Tmux();

  before(async () => {
    server = await startCairnProcess({ env: { CAIRN_ACCESS_LOG: 'true' } });
    s3 = s3Client(server);
    home = freshHome();
    file = tempFile(SIZE, 11);
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  });

  after(async () => {
    tmux.kill();
    await server.dispose();
    file.remove();
    rmSync(home, { recursive: true, force: true });
  });

  const uploadParts = (log: string): AccessLine[] =>
    log
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as AccessLine)
      .filter((l) => l.operation === 'UploadPart');

  it('shows an advancing bar, stops on Ctrl-C at about half, and the re-run sends only the missing parts', async () => {
    const env = { ...cairnEnv(server, home), TERM: 'xterm' };
    const cp = [process.execPath, cairnBin, 'cp', file.path, `s3://${BUCKET}/big.bin`, '--part-size', '5MiB', '--concurrency', '2'];

    tmux.start('first', env, cp);
    const seen: number[] = [];
    for (const end = Date.now() + 120_000; ;) {
      const screen = tmux.screen('first');
      const bars = screen.split('\n').filter((l) => /^upload \[[#.]+\]/.test(l));
      assert.ok(bars.length <= 1, `the bar is one line redrawn in place:\n${screen}`);
      const pct = /\((\d+)%\)/.exec(bars[0] ?? '')?.[1];
      if (pct !== undefined && Number(pct) !== seen.at(-1)) seen.push(Number(pct));
      if (pct !== undefined && Number(pct) >= 45) break;
      assert.ok(!/CAIRN_EXIT/.test(screen), `cp ended before it could be interrupted:\n${screen}`);
      assert.ok(Date.now() < end, `no progress:\n${screen}`);
      await sleep(30);
    }
    tmux.run('send-keys', '-t', 'first', 'C-c');
    const exit = await tmux.waitFor('first', /CAIRN_EXIT=(\d+)/, 30_000);
    assert.equal(exit[1], '130', tmux.screen('first'));
    assert.match(tmux.screen('first'), /interrupted with \d+ of 40 parts stored .*run the same command again to resume/s);
    assert.ok(seen.length >= 3, `the bar advanced: ${seen.join(', ')}`);
    assert.deepEqual(
      seen,
      [...seen].sort((a, b) => a - b),
      'the percentage only grows',
    );

    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }));
    assert.equal(uploads.Uploads?.length, 1);
    const upload = uploads.Uploads[0]!;
    const stored = (await s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: 'big.bin', UploadId: upload.UploadId }))).Parts ?? [];
    assert.ok(stored.length > 5 && stored.length < PARTS - 5, `about half the parts are stored: ${stored.length}`);

    const mark = server.stdout().length;
    tmux.start('second', env, cp);
    await tmux.waitFor('second', /CAIRN_EXIT=(\d+)/, 120_000);
    const screen = tmux.screen('second');
    assert.match(screen, /CAIRN_EXIT=0/, screen);
    assert.match(screen, new RegExp(`40 parts, ${PARTS - stored.length} sent, ${stored.length} already stored; ETag verified`));

    await sleep(200); // the access log line is written when the response ends
    const resent = uploadParts(server.stdout().slice(mark));
    assert.equal(resent.length, PARTS - stored.length, 'the re-run sent only the parts ListParts did not have');
    assert.ok(resent.every((l) => l.status === 200));

    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'big.bin' }));
    const h = createHash('sha256');
    for await (const chunk of object.Body as AsyncIterable<Uint8Array>) h.update(chunk);
    assert.equal(h.digest('hex'), sha256(file.data), 'the object has the file’s SHA-256');
    assert.equal((await s3.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }))).Uploads?.length ?? 0, 0);
  });

  it('asks on a terminal before aborting every upload of a bucket: n changes nothing, y aborts', async () => {
    const env = { ...cairnEnv(server, home), TERM: 'xterm' };
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'ask/me' }));
    const abortAll = [process.execPath, cairnBin, 'parts', 'abort', `s3://${BUCKET}`, '--all'];
    tmux.start('ask-no', env, abortAll);
    await tmux.waitFor('ask-no', /Abort every incomplete upload in s3:\/\/terminal\? \[y\/N\]/, 30_000);
    tmux.run('send-keys', '-t', 'ask-no', 'n', 'Enter');
    await tmux.waitFor('ask-no', /CAIRN_EXIT=1/, 30_000);
    assert.match(tmux.screen('ask-no'), /nothing was changed/);
    const still = await s3.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }));
    assert.deepEqual(
      still.Uploads?.map((u) => u.UploadId),
      [UploadId],
    );
    tmux.start('ask-yes', env, abortAll);
    await tmux.waitFor('ask-yes', /\[y\/N\]/, 30_000);
    tmux.run('send-keys', '-t', 'ask-yes', 'y', 'Enter');
    await tmux.waitFor('ask-yes', /CAIRN_EXIT=0/, 30_000);
    assert.match(tmux.screen('ask-yes'), /aborted: s3:\/\/terminal\/ask\/me/);
    assert.equal((await s3.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }))).Uploads?.length ?? 0, 0);
  });
});
